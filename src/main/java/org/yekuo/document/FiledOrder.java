package org.yekuo.document;

/** An order as its files need it: its number, the org path that decides who sees its files, and whether it is still open. */
public interface FiledOrder {

    long id();

    String orderNo();

    String orgPath();

    boolean open();

    /** Refuses, in the words of the order's own module, a change to the files of an order that is no longer open. */
    void requireOpen();

    default DocumentOwner owner() {
        return new DocumentOwner(id(), orderNo(), orgPath());
    }
}
