package org.safereport.intake.domain;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * A PDF is kept as sent only when Apache PDFBox can parse it and nothing in it can run: no JavaScript (in
 * the document's names, an open action, a page's or an annotation's or a form field's actions), no launch
 * action, no embedded file, no XFA form (whose XML can carry script). Every object in the file is looked
 * at, not only those the pages reach, because a viewer may reach the others.
 */
final class PdfCheck {

    private PdfCheck() {
    }

    static void check(byte[] sent) throws EvidenceFile.Rejected {
        Optional<String> active;
        try (PDDocument document = Loader.loadPDF(sent)) {
            active = activeContent(document.getDocument());
        } catch (InvalidPasswordException e) {
            throw new EvidenceFile.Rejected("is a PDF protected by a password; please send it without one",
                    EvidenceFile.Rejected.Why.NOT_READABLE);
        } catch (IOException | RuntimeException e) {
            throw new EvidenceFile.Rejected("is not a readable PDF document", EvidenceFile.Rejected.Why.NOT_READABLE);
        }
        if (active.isPresent()) {
            throw new EvidenceFile.Rejected("is a PDF with " + active.get() + ", which evidence may not have; "
                    + "please send a screenshot or print it to a new PDF", EvidenceFile.Rejected.Why.ACTIVE_CONTENT);
        }
    }

    private static Optional<String> activeContent(COSDocument document) {
        Deque<COSBase> toVisit = new ArrayDeque<>();
        toVisit.push(document.getTrailer());
        document.getXrefTable().keySet().forEach(key -> toVisit.push(document.getObjectFromPool(key)));
        Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!toVisit.isEmpty()) {
            COSBase next = toVisit.pop();
            COSBase object = next instanceof COSObject reference ? reference.getObject() : next;
            if (object == null || !seen.add(object)) {
                continue;
            }
            if (object instanceof COSDictionary dictionary) {
                Optional<String> found = activeIn(dictionary);
                if (found.isPresent()) {
                    return found;
                }
                dictionary.getValues().forEach(toVisit::push);
            } else if (object instanceof COSArray array) {
                array.forEach(toVisit::push);
            }
        }
        return Optional.empty();
    }

    /** What in this one dictionary (or stream) could run, if anything. */
    private static Optional<String> activeIn(COSDictionary dictionary) {
        COSName action = dictionary.getCOSName(COSName.S);
        if (COSName.JAVA_SCRIPT.equals(action) || dictionary.containsKey(COSName.JS)) {
            return Optional.of("JavaScript");
        }
        if (action != null && PDActionLaunch.SUB_TYPE.equals(action.getName())) {
            return Optional.of("a launch action");
        }
        if (dictionary.containsKey(COSName.EF) || COSName.EMBEDDED_FILE.equals(dictionary.getCOSName(COSName.TYPE))
                || dictionary.containsKey(COSName.EMBEDDED_FILES)) {
            return Optional.of("an embedded file");
        }
        if (dictionary.containsKey(COSName.XFA)) {
            return Optional.of("an XFA form");
        }
        return Optional.empty();
    }
}
