package org.woolly.analyzer.resolve;

import org.woolly.utils.adt.AggregateDescriptor;

/** The aggregate chosen for a call and the type each argument must be coerced to (empty for count(*)). */
public record ResolvedAggregate(AggregateDescriptor aggregate, int[] argumentTargets) {}
