/**
 * Type resolution for the analyzer: PostgreSQL's rules for choosing operators, functions,
 * aggregates and common types, and which coercions are allowed (the manual's chapter
 * "Type Conversion"; {@code src/backend/parser/parse_oper.c}, {@code parse_func.c},
 * {@code parse_coerce.c}, {@code src/backend/utils/adt/format_type.c}).
 *
 * <p>Entry points: {@link org.woolly.analyzer.resolve.OperatorResolver#resolve},
 * {@link org.woolly.analyzer.resolve.FunctionResolver#resolve},
 * {@link org.woolly.analyzer.resolve.FunctionResolver#resolveAggregate},
 * {@link org.woolly.analyzer.resolve.TypeCoercion#canCoerce},
 * {@link org.woolly.analyzer.resolve.TypeCoercion#findCast},
 * {@link org.woolly.analyzer.resolve.TypeCoercion#commonType},
 * {@link org.woolly.analyzer.resolve.TypeNames#format}.
 *
 * <p>Polymorphic parameters: {@code "any"} and the text operators' {@code anynonarray} take the
 * argument's own type and see it as text; functions whose body is a
 * {@code PolymorphicImplementation} (the array functions) resolve {@code anyelement}/
 * {@code anyarray}/{@code anycompatible*} to one element type per call ({@code Polymorphism}),
 * and a candidate whose arguments disagree on it does not match.
 */
package org.woolly.analyzer.resolve;
