package org.safereport.escalation;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import static io.restassured.RestAssured.given;

/**
 * A form posted as a browser posts it: with the CSRF token the page carried in a hidden field, and the cookie
 * the page set beside it. Without both, the service refuses any form.
 *
 * @param cookie the CSRF cookie's value
 * @param token the hidden field's value
 */
public record FormPost(String cookie, String token) {

    private static final String NAME = "csrf-token";

    /** The CSRF pair of the form on the page at {@code path}, read the way a browser would. */
    public static FormPost from(RequestSpecification browser, String path) {
        Response page = browser.get(path);
        Element field = Jsoup.parse(page.asString()).selectFirst("input[name=" + NAME + "]");
        if (field == null || page.cookie(NAME) == null) {
            throw new IllegalStateException("no form with a CSRF token at " + path + " (" + page.statusCode() + ")");
        }
        return new FormPost(page.cookie(NAME), field.val());
    }

    /** Opens the page at {@code path} and presses its button. */
    public static Response press(String path) {
        return from(given(), path).post(given(), path);
    }

    public Response post(RequestSpecification browser, String path) {
        return browser.redirects().follow(false).cookie(NAME, cookie).contentType("application/x-www-form-urlencoded")
                .formParam(NAME, token).post(path);
    }

    /** The same for a form that sends a file (multipart/form-data): {@code browser} carries the other parts. */
    public Response postMultipart(RequestSpecification browser, String path) {
        return browser.redirects().follow(false).cookie(NAME, cookie).multiPart(NAME, token).post(path);
    }
}
