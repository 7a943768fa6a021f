/**
 * Semantic analysis: raw parse trees into typed query trees. Names are resolved against the
 * catalog, operators, functions and casts through {@link org.woolly.analyzer.TypeSystem}, and
 * PostgreSQL's errors raised with their positions. Counterpart of {@code src/backend/parser}'s
 * {@code analyze.c}, {@code parse_expr.c}, {@code parse_clause.c}, {@code parse_target.c},
 * {@code parse_agg.c}, {@code parse_coerce.c}. Entry point: {@link org.woolly.analyzer.Analyzer#analyze};
 * {@link org.woolly.analyzer.BuiltinTypeSystem} binds the seam to {@code org.woolly.utils.adt} and
 * {@code org.woolly.analyzer.resolve}. A view in FROM (pg_class relkind 'v') is expanded as a
 * subquery of the SQL text of its {@code _RETURN} rule ({@code CatalogAccess.viewQuery}), as the
 * rewriter's {@code ApplyRetrieveRule} does; INSERT, UPDATE and DELETE naming a view are refused
 * as PostgreSQL refuses a view that is not automatically updatable ({@code ViewTarget}).
 * A {@code regclass} literal ({@code nextval('s')},
 * {@code 's'::regclass}, and the other OID alias types) is read through the statement's catalog
 * when analyzed ({@code Coercions}, {@code CatalogNameLookup}). {@code IdentityColumns} applies the identity-column rules
 * of INSERT and UPDATE (428C9, OVERRIDING). A function in FROM ({@code FromAnalyzer}) becomes a
 * FUNCTION range entry (WITH ORDINALITY adds the bigint row number); a set-returning function
 * ({@code FunctionHandle.returnsSet}) may be called in the select list, ORDER BY and at the top of
 * a FROM function, 0A000 elsewhere as {@code check_srf_call_placement} says.
 * Query levels: a subquery's {@code ParseState} has its enclosing level as {@code parent}
 * (hidden for a non-LATERAL subquery in FROM); a column found in an enclosing level
 * ({@code varlevelsup}) becomes a {@code QueryExpr.ExecParam} and the level just below its owner
 * records a {@code ParamBinding} that the SubLink (or the LATERAL range entry) carries, so the
 * enclosing row sets the parameter before the subquery runs. {@code CteAnalyzer}: WITH queries
 * analyzed once and referenced as CTE range entries; WITH RECURSIVE as a RECURSIVE_UNION set
 * operation whose self-reference is a WORKTABLE entry (42P19 as PostgreSQL). Not yet: ROWS FROM,
 * set-returning calls nested in a set-returning call's arguments,
 * data-modifying WITH, SEARCH/CYCLE, outer-level aggregates in subqueries (0A000 for each).
 * Window function calls
 * and the WINDOW clause ({@code WindowAnalyzer}) become {@code QueryExpr.WindowFunc} nodes in the
 * select list, each carrying its analyzed {@code WindowClause} (partitioning, ordering, frame with
 * its offsets; a named window copied as PostgreSQL allows); DISTINCT ON lists the target entries it
 * compares in {@code Query.distinctOn} and puts them first in the sort keys; an aggregate's ORDER
 * BY goes into {@code QueryExpr.Aggregate.orderBy}.
 */
package org.woolly.analyzer;
