package org.woolly.analyzer.resolve;

import org.woolly.utils.adt.FunctionDescriptor;

/**
 * The function chosen for a call and the type each actual argument must be coerced to
 * (one entry per actual argument, variadic ones included).
 */
public record ResolvedFunction(FunctionDescriptor function, int[] argumentTargets) {}
