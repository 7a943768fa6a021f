/**
 * The SQL parser: a hand-written lexer and recursive-descent parser for PostgreSQL 15's
 * grammar, producing the raw parse tree of {@link org.woolly.nodes.parse}. Counterpart of
 * {@code src/backend/parser/scan.l}, {@code gram.y} and {@code parser.c}.
 *
 * <p>Entry points: {@link org.woolly.parser.Parser#parse(String)},
 * {@link org.woolly.parser.Parser#parseExpression(String)} and
 * {@link org.woolly.parser.Parser#parseTypeName(String)}. The grammar is split by statement
 * family: {@code SelectParser}/{@code FromClauseParser}, {@code DmlParser}, {@code DdlParser}/
 * {@code TableElementParser}, {@code UtilityParser}/{@code VariableSetParser}, with
 * expressions in {@code ExpressionParser}/{@code SpecialFormParser}/{@code SqlFunctionForms}
 * and types in {@code TypeNameParser}.
 */
package org.woolly.parser;
