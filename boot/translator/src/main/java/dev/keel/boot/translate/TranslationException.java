package dev.keel.boot.translate;

/** A program the translator cannot translate, with a message a person can act on. */
public class TranslationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TranslationException(String message) {
        super(message);
    }
}
