package org.safereport.problem;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 9110 requires a 405 to list in {@code Allow} the methods the resource does allow, but Quarkus REST
 * answers a method it has no resource method for with a bare 405. This reads the routes from the resources'
 * own annotations once, and adds the header: their methods, HEAD where there is a GET, and OPTIONS, which
 * Quarkus REST answers for every resource.
 */
@Singleton
public class AllowHeader {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*[^}:\\s]+\\s*(?::\\s*([^}]+))?}");

    private record Route(Pattern path, String method) {
    }

    private final List<Route> routes = new ArrayList<>();

    AllowHeader(BeanManager beans) {
        beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .map(bean -> bean.getBeanClass())
                .filter(type -> type.isAnnotationPresent(Path.class))
                .distinct()
                .forEach(this::addRoutes);
    }

    private void addRoutes(Class<?> resource) {
        String base = resource.getAnnotation(Path.class).value();
        for (Method method : resource.getMethods()) {
            Path sub = method.getAnnotation(Path.class);
            for (Annotation annotation : method.getAnnotations()) {
                HttpMethod httpMethod = annotation.annotationType().getAnnotation(HttpMethod.class);
                if (httpMethod != null) {
                    routes.add(new Route(template(base + "/" + (sub == null ? "" : sub.value())), httpMethod.value()));
                }
            }
        }
    }

    /** A path template ({@code /api/v1/cases/{id}}) as a pattern its paths match, with or without a final slash. */
    private static Pattern template(String path) {
        String normal = ("/" + path).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(normal);
        int literalFrom = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(normal.substring(literalFrom, parameter.start())))
                    .append('(').append(parameter.group(1) == null ? "[^/]+" : parameter.group(1)).append(')');
            literalFrom = parameter.end();
        }
        regex.append(Pattern.quote(normal.substring(literalFrom))).append("/?");
        return Pattern.compile(regex.toString());
    }

    @ServerResponseFilter
    public void listAllowedMethods(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 405 || response.getHeaders().containsKey(HttpHeaders.ALLOW)) {
            return;
        }
        String path = request.getUriInfo().getPath();
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            if (route.path().matcher(path).matches()) {
                allowed.add(route.method());
                if (route.method().equals(HttpMethod.GET)) {
                    allowed.add(HttpMethod.HEAD);
                }
            }
        }
        allowed.add(HttpMethod.OPTIONS);
        response.getHeaders().putSingle(HttpHeaders.ALLOW, String.join(", ", allowed));
    }
}
