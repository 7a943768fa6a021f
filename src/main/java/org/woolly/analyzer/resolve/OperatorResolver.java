package org.woolly.analyzer.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.woolly.utils.adt.BuiltinFunctions;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.FunctionDescriptor;
import org.woolly.utils.adt.OperatorDescriptor;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Operator resolution ({@code oper}, {@code left_oper} and {@code oper_select_candidate} in
 * {@code src/backend/parser/parse_oper.c}): an exact match first — with an unknown operand
 * taken to be of the other operand's type — then PostgreSQL's candidate selection.
 */
public final class OperatorResolver {
    private OperatorResolver() {}

    /**
     * Resolves {@code left name right}; pass {@code leftType} 0 for a prefix operator.
     * Throws 42883 when no operator matches, 42725 when several do.
     */
    public static ResolvedOperator resolve(String name, int leftType, int rightType) {
        return resolve(name, leftType, rightType, TypeNames::format);
    }

    /** {@link #resolve(String, int, int)}, naming the operand types in its errors with {@code typeNames}. */
    public static ResolvedOperator resolve(String name, int leftType, int rightType, IntFunction<String> typeNames) {
        boolean prefix = leftType == 0;
        List<OperatorDescriptor> all = new ArrayList<>();
        for (OperatorDescriptor op : BuiltinFunctions.operatorsByName(name)) {
            if (op.isPrefix() == prefix) {
                all.add(op);
            }
        }
        OperatorDescriptor exact = exactMatch(all, leftType, rightType);
        if (exact == null && !prefix) {
            if (leftType == TypeOids.UNKNOWN && rightType != TypeOids.UNKNOWN) {
                exact = exactMatch(all, rightType, rightType);
            } else if (rightType == TypeOids.UNKNOWN && leftType != TypeOids.UNKNOWN) {
                exact = exactMatch(all, leftType, leftType);
            }
        }
        if (exact != null) {
            return targets(exact, leftType, rightType, typeNames);
        }
        int[] inputs = prefix ? new int[] {rightType} : new int[] {leftType, rightType};
        List<OperatorDescriptor> chosen = CandidateSelector.select(all, OperatorResolver::signature, inputs);
        if (chosen.size() == 1) {
            return targets(chosen.get(0), leftType, rightType, typeNames);
        }
        String shown = shown(prefix, name, leftType, rightType, typeNames);
        if (chosen.isEmpty()) {
            // op_error words the hint for one operand when the operator is a prefix one
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + shown).withHint(prefix
                    ? "No operator matches the given name and argument type. You might need to add an explicit type cast."
                    : "No operator matches the given name and argument types. You might need to add explicit type casts.");
        }
        throw new SqlException(SqlState.AMBIGUOUS_FUNCTION, "operator is not unique: " + shown).withHint(
                "Could not choose a best candidate operator. You might need to add explicit type casts.");
    }

    private static OperatorDescriptor exactMatch(List<OperatorDescriptor> all, int left, int right) {
        for (OperatorDescriptor op : all) {
            if (op.rightType() == right && (op.isPrefix() || op.leftType() == left)) {
                return op;
            }
        }
        return null;
    }

    private static int[] signature(OperatorDescriptor op) {
        return op.isPrefix() ? new int[] {op.rightType()} : new int[] {op.leftType(), op.rightType()};
    }

    /** The operator call as errors show it: {@code integer + mood}, or {@code - mood} for a prefix one. */
    private static String shown(boolean prefix, String name, int leftType, int rightType, IntFunction<String> typeNames) {
        return (prefix ? "" : typeNames.apply(leftType) + " ") + name + " " + typeNames.apply(rightType);
    }

    private static ResolvedOperator targets(OperatorDescriptor op, int leftType, int rightType,
                                            IntFunction<String> typeNames) {
        if (Polymorphism.applies(op.function())) {
            int[] declared = signature(op);
            int[] actual = op.isPrefix() ? new int[] {rightType} : new int[] {leftType, rightType};
            int element = Polymorphism.elementType(declared, actual);
            if (element == 0 || BuiltinTypes.arrayTypeOf(element) == 0) {
                String shown = shown(op.isPrefix(), op.name(), leftType, rightType, typeNames);
                throw new SqlException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + shown).withHint(
                        "No operator matches the given name and argument types. You might need to add explicit type casts.");
            }
            FunctionDescriptor bound = Polymorphism.bind(op.function(), declared, element,
                    Polymorphism.rangeType(declared, actual));
            int[] types = bound.argumentTypes();
            OperatorDescriptor resolved = new OperatorDescriptor(op.oid(), op.name(), op.leftType(), op.rightType(),
                    bound.returnType(), bound, op.commutator(), op.negator());
            return new ResolvedOperator(resolved, op.isPrefix() ? 0 : types[0], types[types.length - 1]);
        }
        int left = op.isPrefix() ? 0 : FunctionResolver.target(op.leftType(), leftType);
        int right = FunctionResolver.target(op.rightType(), rightType);
        int[] declared = signature(op);
        int[] targets = op.isPrefix() ? new int[] {right} : new int[] {left, right};
        FunctionDescriptor function = FunctionResolver.specialize(op.function(), declared, targets);
        if (function != op.function()) {
            op = new OperatorDescriptor(op.oid(), op.name(), op.leftType(), op.rightType(), op.resultType(), function,
                    op.commutator(), op.negator());
        }
        return new ResolvedOperator(op, left, right);
    }

    /** True when {@code type} is a polymorphic pseudo-type accepting any argument. */
    static boolean isPolymorphic(int type) {
        return type == BuiltinTypes.ANY || type == BuiltinTypes.ANYNONARRAY || type == TypeOids.ANYELEMENT;
    }
}
