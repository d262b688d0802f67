package org.safereport.escalation.domain.directory;

import org.safereport.escalation.domain.policy.Role;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The people directory: who holds which role, who manages whom, who is away. */
public final class Directory {

    private final String version;
    private final List<Person> people;
    private final Map<String, Person> byId;
    private final Map<String, Person> byEmail;

    public Directory(String version, List<Person> people) {
        this.version = version;
        this.people = List.copyOf(people);
        this.byId = people.stream().collect(Collectors.toUnmodifiableMap(Person::id, Function.identity()));
        this.byEmail = people.stream().collect(Collectors.toUnmodifiableMap(p -> EmailAddress.normalise(p.email()), Function.identity()));
    }

    public String version() {
        return version;
    }

    public List<Person> people() {
        return people;
    }

    public Optional<Person> byId(String id) {
        return Optional.ofNullable(id).map(byId::get);
    }

    /** Emails are compared without case: {@code Alex@Example.org} is {@code alex@example.org}. */
    public Optional<Person> byEmail(String email) {
        return Optional.ofNullable(email).map(EmailAddress::normalise).map(byEmail::get);
    }

    /** Every holder of {@code role}, in directory order. */
    public List<Person> holders(Role role) {
        return people.stream().filter(person -> person.holds(role)).toList();
    }
}
