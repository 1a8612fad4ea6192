/**
 * Configuration tables keep every version of a row; readers take the highest version per id.
 * `LIMIT 1 BY` is the same SQL on chDB and on a ClickHouse server.
 */
export function latestVersionSql(table: string, idColumn: string, where = "1"): string {
  return `SELECT * FROM {db:Identifier}.${table} WHERE ${where} ORDER BY ${idColumn}, version DESC LIMIT 1 BY ${idColumn}`;
}
