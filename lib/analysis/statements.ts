import { blockStatements, isStatement, statementExpression, statementOf } from "../ast/accessors.js";
import type { PyCall, PyNode } from "../ast/generated/node-types.js";
import { childNodes } from "../ast/traverse.js";

const CLAUSE_TYPES = new Set(["PyElifClause", "PyElseClause", "PyExceptClause", "PyFinallyClause", "PyCaseClause"]);

/**
 * The physical lines of the logical line that holds `node`: its simple statement, or the header of its compound
 * statement or clause (`with open(p) as f:`, `except Exception:`), as `[first, last]`.
 */
export function logicalLines(node: PyNode): [number, number] {
  let holder: PyNode | null = node;
  while (holder && !isStatement(holder) && !CLAUSE_TYPES.has(holder.type)) holder = holder.parent as PyNode | null;
  if (!holder) return [node.loc.start.line, node.loc.end.line];
  const first = holder.loc.start.line;
  const body = childNodes(holder).find((child) => child.type === "PyBlock");
  if (!body) return [first, holder.loc.end.line];
  // The header ends on the line before the body, or on the body's line for `if x: y`.
  return [first, Math.max(first, body.loc.start.line - 1)];
}

/** The statement list (`Program.body` or a block's children) that holds `statement`. */
export function statementList(statement: PyNode): PyNode[] {
  const parent = statement.parent as PyNode | null;
  if (!parent) return [statement];
  if (parent.type === "Program") return parent.body;
  if (parent.type === "PyBlock") return parent.children;
  return [statement];
}

/**
 * The statements that certainly run before `node` in its function (or module): the earlier statements of its
 * own block, then of each enclosing block up to the function, nearest first. Statements in those lists dominate
 * `node` in structured code (a `return`/`raise` among them would make `node` unreachable), which is what guards
 * need. Stops at a function, lambda or class boundary.
 */
export function dominatingStatements(node: PyNode): PyNode[] {
  const out: PyNode[] = [];
  let statement = statementOf(node);
  while (statement) {
    const list = statementList(statement);
    const index = list.indexOf(statement);
    for (let i = index - 1; i >= 0; i--) out.push(list[i]);
    // Climb to the statement that owns this block.
    let owner = statement.parent as PyNode | null;
    while (owner && !isStatement(owner)) {
      if (owner.type === "PyLambda" || owner.type === "Program") return out;
      owner = owner.parent as PyNode | null;
    }
    if (!owner || owner.type === "PyFunctionDefinition" || owner.type === "PyClassDefinition") return out;
    statement = owner;
  }
  return out;
}

export type Exit = "raise" | "return" | "continue" | "break";

/**
 * What ends control flow besides the statements themselves: calls that never return (`sys.exit()`, resolved by
 * the model against the catalog), and `with` statements whose context manager re-raises.
 */
export interface ExitRules {
  neverReturns(call: PyCall): boolean;
  isRaisingContext?(withStatement: PyNode): boolean;
}

/**
 * How control leaves a statement list on every path, or null when it can fall through. Conservative: loops,
 * `match` and `with` bodies other than the given `raisingContext` fall through unless their body always exits.
 */
export function alwaysExits(statements: PyNode[], rules: ExitRules): Set<Exit> | null {
  for (const statement of statements) {
    const exits = statementExits(statement, rules);
    if (exits) return exits;
  }
  return null;
}

function statementExits(statement: PyNode, rules: ExitRules): Set<Exit> | null {
  switch (statement.type) {
    case "PyRaiseStatement":
      return new Set(["raise"]);
    case "PyReturnStatement":
      return new Set(["return"]);
    case "PyContinueStatement":
      return new Set(["continue"]);
    case "PyBreakStatement":
      return new Set(["break"]);
    case "PyIfStatement": {
      const branches = [blockStatements(statement.consequence)];
      let hasElse = false;
      for (const alt of statement.alternative) {
        if (alt.type === "PyElseClause") {
          hasElse = true;
          branches.push(blockStatements(alt.body));
        } else branches.push(blockStatements(alt.consequence));
      }
      if (!hasElse) return null;
      return mergeAll(branches.map((b) => alwaysExits(b, rules)));
    }
    case "PyWithStatement": {
      const body = alwaysExits(blockStatements(statement.body), rules);
      if (rules.isRaisingContext?.(statement)) {
        // The context manager re-raises on exit: the body's own returns still leave without raising.
        return body ?? new Set(["raise"]);
      }
      return body;
    }
    case "PyTryStatement": {
      if (statement.finalbody) {
        const fin = alwaysExits(blockStatements(statement.finalbody.body), rules);
        if (fin) return fin;
      }
      const body = alwaysExits(blockStatements(statement.body), rules);
      if (!body) return null;
      const handlerExits = statement.handlers.map((h) => alwaysExits(blockStatements(h.body), rules));
      return mergeAll([body, ...handlerExits]);
    }
    case "PyExpressionStatement": {
      const expr = statementExpression(statement);
      // Process exits leave without returning to the caller either; test-framework failures always raise.
      if (expr?.type === "PyCall" && rules.neverReturns(expr)) return new Set(["raise"]);
      return null;
    }
    default:
      return null;
  }
}

function mergeAll(sets: Array<Set<Exit> | null>): Set<Exit> | null {
  const out = new Set<Exit>();
  for (const set of sets) {
    if (!set) return null;
    for (const exit of set) out.add(exit);
  }
  return out;
}

/** Whether `inner` lies inside `outer` (or is it). */
export function contains(outer: PyNode, inner: PyNode): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}
