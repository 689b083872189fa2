type Filter = Record<string, unknown>;

/** the filters a database command selects documents with */
function filtersOf(command: Filter): Filter[] {
  const asFilter = (value: unknown) => (value && typeof value === 'object' ? [value as Filter] : []);
  if ('find' in command) return asFilter(command.filter);
  if ('distinct' in command || 'count' in command || 'findAndModify' in command)
    return asFilter(command.query);
  const statements = (command.updates ?? command.deletes) as { q: Filter }[] | undefined;
  return (statements ?? []).map((statement) => statement.q);
}

const isOperator = (value: unknown) =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.keys(value).some((key) => key.startsWith('$'));

/**
 * The filters of a command that name no field by plain equality (an empty filter, or only
 * operators such as `$in`): FerretDB v1 pushes only equalities down to PostgreSQL and reads the
 * whole collection for anything else. Returned as JSON, for a readable failure.
 */
export function scansWholeCollection(command: Filter): string[] {
  return filtersOf(command)
    .filter(
      (filter) => !Object.entries(filter).some(([key, value]) => !key.startsWith('$') && !isOperator(value)),
    )
    .map((filter) => JSON.stringify(filter));
}
