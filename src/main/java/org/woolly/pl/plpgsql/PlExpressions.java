package org.woolly.pl.plpgsql;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Expressions and queries of a body run through the SQL engine ({@code exec_eval_expr},
 * {@code exec_run_select}, the parser hooks of {@code pl_comp.c}): each variable the text names
 * becomes a parameter {@code $n} of the variable's type, so a plan made once serves every call.
 */
final class PlExpressions {
    private final Spi spi;
    private final PlFunctionBody body;
    private final PlVariables variables;
    /** The function's input parameters in order: what {@code $n} written in the body names. */
    final List<PlVariables.Variable> positional = new ArrayList<>();

    PlExpressions(Spi spi, PlFunctionBody body, PlVariables variables) {
        this.spi = spi;
        this.body = body;
        this.variables = variables;
    }

    /** The expression or query being run, for the CONTEXT of its errors; null between statements. */
    String current;
    /** Whether {@link #current} reads variables (then PostgreSQL runs it as a simple expression). */
    boolean readsVariables;

    /** SQL with the variables replaced by parameters, and the parameters' types and values. */
    record Bound(String sql, int[] types, Object[] values) {}

    Bound bind(String text) {
        List<PlToken> tokens = PlToken.scan(text);
        StringBuilder sql = new StringBuilder();
        Map<Object, Integer> numbers = new IdentityHashMap<>();
        List<Integer> types = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            PlToken token = tokens.get(i);
            PlVariables.Variable variable = null;
            int last = i;
            if (token.kind() == PlToken.Kind.PARAM) {
                int number = Integer.parseInt(token.text().substring(1));
                if (number >= 1 && number <= positional.size()) {
                    variable = positional.get(number - 1);
                }
            } else if (token.isIdentifier() && (i == 0 || tokens.get(i - 1).kind() != PlToken.Kind.DOT)
                    && !(i > 0 && tokens.get(i - 1).isWord("as"))
                    && tokens.get(i + 1).kind() != PlToken.Kind.LEFT_PAREN) {
                boolean qualified = tokens.get(i + 1).kind() == PlToken.Kind.DOT && tokens.get(i + 2).isIdentifier();
                if (qualified && variables.isLabel(token.word())) {
                    variable = variables.lookup(token.word(), tokens.get(i + 2).word());
                    if (variable != null) {
                        last = i + 2;
                    }
                }
                if (variable == null) {
                    variable = variables.lookup(token.word());
                }
            }
            if (variable == null) {
                continue;
            }
            Object key = variable;
            int type = variable.type;
            Object value = variable.value;
            if (variable.isRecord) {
                PlToken next = tokens.get(last + 1);
                if (next.kind() == PlToken.Kind.DOT && tokens.get(last + 2).isIdentifier()) {
                    PlVariables.Row row = PlVariables.rowOf(variable);
                    String fieldName = tokens.get(last + 2).word();
                    int field = row.field(fieldName);
                    if (field < 0) {
                        throw new SqlException(SqlState.UNDEFINED_COLUMN, "record \"" + variable.name
                                + "\" has no field \"" + fieldName + "\"");
                    }
                    last += 2;
                    key = row.names().get(field) + "\0" + System.identityHashCode(variable);
                    type = row.types()[field];
                    value = row.values()[field];
                } else if (next.kind() == PlToken.Kind.DOT) {
                    continue;
                } else {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                            "record variable \"" + variable.name + "\" used as a value is not supported yet");
                }
            }
            Integer number = key instanceof String field ? findField(numbers, field) : numbers.get(key);
            if (number == null) {
                types.add(type == 0 ? TypeOids.TEXT : type);
                values.add(value);
                number = types.size();
                numbers.put(key, number);
            }
            sql.append(text, copied, token.start()).append('$').append(number);
            copied = tokens.get(last).end();
            i = last;
        }
        sql.append(text.substring(copied));
        return new Bound(sql.toString(), types.stream().mapToInt(Integer::intValue).toArray(), values.toArray());
    }

    private static Integer findField(Map<Object, Integer> numbers, String field) {
        for (Map.Entry<Object, Integer> entry : numbers.entrySet()) {
            if (entry.getKey() instanceof String name && name.equals(field)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** Prepares (once per function for the same SQL and parameter types) and runs. */
    Spi.Result run(Bound bound, long maxRows) {
        if (current == null) {
            current = bound.sql();
        }
        return spi.execute(plan(bound), bound.values(), maxRows);
    }

    Spi.Plan plan(Bound bound) {
        return plan(bound, false);
    }

    /** As above; {@code statement} for a statement of the body (not an expression), which pg_stat_statements may track. */
    Spi.Plan plan(Bound bound, boolean statement) {
        StringBuilder key = new StringBuilder(bound.sql());
        for (int type : bound.types()) {
            key.append('\0').append(type);
        }
        Spi.Plan plan = body.plans.get(key.toString());
        if (plan == null) {
            plan = spi.prepare(bound.sql(), bound.types(), statement);
            body.plans.put(key.toString(), plan);
        }
        return plan;
    }

    /** A scalar expression's value and type ({@code exec_eval_expr}): one row of one column. */
    record Value(Object value, int type) {}

    Value evaluate(String expression) {
        current = expression;
        readsVariables = false;
        Bound bound = bind("SELECT " + expression);
        readsVariables = bound.types().length > 0;
        Spi.Plan plan = plan(bound);
        if (plan.columnTypes().length != 1) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "query \"SELECT " + expression + "\" returned "
                    + plan.columnTypes().length + " columns");
        }
        Spi.Result result = spi.execute(plan, bound.values(), 2);
        if (result.rows().size() > 1) {
            throw new SqlException(SqlState.CARDINALITY_VIOLATION, "query \"SELECT " + expression
                    + "\" returned more than one row");
        }
        return new Value(result.rows().isEmpty() ? null : result.rows().getFirst()[0], plan.columnTypes()[0]);
    }

    /** The expression's value as a variable of that type holds it (an assignment cast when the types differ). */
    Object evaluateAs(String expression, int type, String typeName) {
        Value value = evaluate(expression);
        return coerce(value.value(), value.type(), type, typeName);
    }

    boolean condition(String expression) {
        return Boolean.TRUE.equals(evaluateAs(expression, TypeOids.BOOL, "boolean"));
    }

    /** {@code value} of {@code fromType} as {@code toType} ({@code exec_cast_value}). */
    Object coerce(Object value, int fromType, int toType, String typeName) {
        if (value == null || fromType == toType || toType == 0 || typeName == null) {
            return value;
        }
        Bound bound = new Bound("SELECT CAST($1 AS " + typeName + ")", new int[] {fromType}, new Object[] {value});
        return run(bound, 1).rows().getFirst()[0];
    }

    /** The text of a value as RAISE prints it. */
    String text(Object value, int type) {
        if (value == null) {
            return null;
        }
        if (type == TypeOids.TEXT || value instanceof String) {
            return value.toString();
        }
        if (value instanceof Boolean bool) {
            return bool ? "t" : "f";
        }
        Bound bound = new Bound("SELECT CAST($1 AS text)", new int[] {type}, new Object[] {value});
        return (String) run(bound, 1).rows().getFirst()[0];
    }
}
