package org.woolly.access.common;

import java.util.List;

/** The columns of a relation's tuples, in attribute-number order ({@code TupleDesc}). */
public record TupleDescriptor(List<Attribute> attributes) {
    public TupleDescriptor {
        attributes = List.copyOf(attributes);
    }

    public int size() {
        return attributes.size();
    }

    public Attribute get(int index) {
        return attributes.get(index);
    }
}
