import type { CalleePattern } from "./pattern.js";

/** Calls that run the SQL text of their first argument (B608, S608). */
export const SQL_EXECUTORS: readonly CalleePattern[] = [
  "*.execute",
  "*.executemany",
  "*.executescript",
  "*.read_sql",
  "*.read_sql_query",
  "sqlalchemy.text",
  "sqlalchemy.sql.text",
  "sqlalchemy.sql.expression.text",
];
/** Django's raw SQL fragments (B610 `QuerySet.extra`, B611 `RawSQL`). */
export const DJANGO_EXTRA: readonly CalleePattern[] = ["*.extra"];
export const DJANGO_RAW_SQL: readonly CalleePattern[] = [
  "django.db.models.expressions.RawSQL",
  "django.db.models.RawSQL",
  "*.objects.raw",
];

/**
 * The first word of a SQL statement (after optional whitespace and an opening parenthesis): a string that starts
 * with one is a query.
 */
export const SQL_STATEMENT_START =
  /^[\s(]*(?:select\s[\s\S]*\sfrom\b|select\s|insert\s+(?:or\s+\w+\s+)?into\s|update\s[\s\S]*\sset\s|delete\s+from\s|replace\s+into\s|upsert\s|merge\s+into\s|with\s+\w+\s+as\s*\(|create\s+(?:or\s+replace\s+)?(?:temp(?:orary)?\s+)?(?:table|view|index|unique\s+index|database|schema|trigger|function|procedure)\s|drop\s+(?:table|view|index|database|schema|trigger|function|procedure)\s|alter\s+(?:table|database|schema|index|view)\s|truncate\s+(?:table\s+)?\w|grant\s|revoke\s)/iu;

/** Database drivers by placeholder style, for the parameterised-query suggestion (DB-API `paramstyle`). */
export const SQL_DRIVER_PARAMSTYLES: Readonly<Record<string, "format" | "qmark">> = {
  psycopg2: "format",
  psycopg: "format",
  pymysql: "format",
  MySQLdb: "format",
  "mysql.connector": "format",
  pg8000: "format",
  sqlite3: "qmark",
  pyodbc: "qmark",
};

/** Calls that quote a value for SQL (identifiers or literals): their result is safe in a query. */
export const SQL_SANITIZERS: readonly CalleePattern[] = [
  "*.escape_string",
  "*.quote_ident",
  "*.quote_name",
  "*.escape_identifier",
  "*.escape_literal",
  "*.literal",
  "*.mogrify",
  "psycopg2.sql.Identifier",
  "psycopg2.sql.Literal",
  "psycopg.sql.Identifier",
  "psycopg.sql.Literal",
  "sqlalchemy.sql.quoted_name",
];

/** Keyword names under which execute-style APIs take the SQL text (when it is not passed first). */
export const SQL_TEXT_KEYWORDS: readonly string[] = ["sql", "query", "statement", "operation", "text"];
/** Django `QuerySet.extra(...)` arguments that hold raw SQL fragments. */
export const DJANGO_EXTRA_SQL_KEYWORDS: readonly string[] = ["select", "where", "tables", "order_by"];
