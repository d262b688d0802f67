package org.safereport.notification.sms;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The Messages resource of a Twilio-compatible REST API (version 2010-04-01). */
@Path("/2010-04-01/Accounts/{accountSid}/Messages.json")
public interface MessagesApi {

    /** Form fields {@code To}, {@code From}, {@code Body}; answers 201 with the message's {@code sid}. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response create(@PathParam("accountSid") String accountSid, @HeaderParam("Authorization") String authorization, Form message);
}
