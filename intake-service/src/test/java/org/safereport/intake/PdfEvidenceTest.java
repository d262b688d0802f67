package org.safereport.intake;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.common.filespecification.PDSimpleFileSpecification;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.intake.persistence.Evidence;
import org.safereport.intake.persistence.EvidenceContents;
import org.safereport.intake.persistence.Report;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** A PDF is kept only when PDFBox parses it and nothing in it can run; the PDFs here are made with PDFBox. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PolicyTestResource.class, scope = TestResourceScope.GLOBAL)
class PdfEvidenceTest {

    @Inject
    EvidenceContents contents;

    @BeforeEach
    void policyIsKnown() {
        TestData.awaitPolicy();
    }

    private static ValidatableResponse send(byte[] pdf) {
        return TestData.apiMultipart()
                .multiPart("report", TestData.report("INAPPROPRIATE_MATERIAL", "A document about our post was shared."), "application/json")
                .multiPart("evidence", "document.pdf", pdf, "application/pdf")
                .post("/api/v1/reports").then();
    }

    private static void refused(byte[] pdf, int status, String message) {
        send(pdf).statusCode(status).contentType("application/problem+json")
                .body("errors[0].field", equalTo("evidence"))
                .body("errors[0].message", equalTo("“document.pdf” " + message));
    }

    @Test
    void cleanPdfIsKeptAsSent() throws IOException {
        byte[] pdf = TestData.pdf();
        String reference = send(pdf).statusCode(201).extract().path("reference");
        List<Evidence> stored = QuarkusTransaction.requiringNew().call(() ->
                Evidence.list("reportId", Report.findByReference(reference).orElseThrow().id));
        assertThat(stored).hasSize(1);
        try (InputStream decrypted = contents.open(stored.get(0).id)) {
            assertThat(decrypted.readAllBytes()).isEqualTo(pdf);
        }
    }

    @Test
    void pdfThatRunsJavaScriptWhenOpenedIsRefused() {
        byte[] pdf = TestData.pdf(document -> document.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('opened')")));
        refused(pdf, 422, "is a PDF with JavaScript, which evidence may not have; please send a screenshot or print it to a new PDF");
    }

    @Test
    void pdfWithALinkThatLaunchesAProgramIsRefused() {
        byte[] pdf = TestData.pdf(document -> {
            PDActionLaunch launch = new PDActionLaunch();
            launch.setFile(new PDSimpleFileSpecification(new COSString("calc.exe")));
            PDAnnotationLink link = new PDAnnotationLink();
            link.setRectangle(new PDRectangle(50, 50, 200, 40));
            link.setAction(launch);
            document.getPage(0).setAnnotations(List.of(link));
        });
        refused(pdf, 422, "is a PDF with a launch action, which evidence may not have; please send a screenshot or print it to a new PDF");
    }

    @Test
    void pdfWithAnEmbeddedFileIsRefused() {
        byte[] pdf = TestData.pdf(PdfEvidenceTest::embedFile);
        refused(pdf, 422, "is a PDF with an embedded file, which evidence may not have; please send a screenshot or print it to a new PDF");
    }

    @Test
    void truncatedOrGarbagePdfIsRefusedAsUnreadable() {
        refused(Arrays.copyOf(TestData.pdf(), 40), 415, "is not a readable PDF document");
        refused("%PDF-1.7\nthis is not a document at all".getBytes(StandardCharsets.US_ASCII), 415, "is not a readable PDF document");
        send(Arrays.copyOf(TestData.pdf(), 40)).body("title", startsWith("A file is not a readable PNG, JPEG or PDF"));
    }

    private static void embedFile(PDDocument document) {
        try {
            PDEmbeddedFile file = new PDEmbeddedFile(document, new ByteArrayInputStream("Fictional notes.".getBytes(StandardCharsets.UTF_8)));
            PDComplexFileSpecification specification = new PDComplexFileSpecification();
            specification.setFile("notes.txt");
            specification.setEmbeddedFile(file);
            PDEmbeddedFilesNameTreeNode files = new PDEmbeddedFilesNameTreeNode();
            files.setNames(Map.of("notes.txt", specification));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
            names.setEmbeddedFiles(files);
            document.getDocumentCatalog().setNames(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
