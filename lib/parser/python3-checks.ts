import type { Program, PyNode } from "../ast/generated/node-types.js";
import { COMPOUND_STATEMENT_TYPES, unparenthesize } from "../ast/accessors.js";
import { childNodes } from "../ast/traverse.js";
import { commentEnd, stringEnd } from "./join-bracketed-lines.js";
import type { LineIndex } from "./line-index.js";
import { PythonSyntaxError } from "./syntax-errors.js";

/**
 * tree-sitter-python parses some code that Python 3 rejects (it keeps Python 2 statements, and its indentation
 * scanner forgives a few things). Each check here turns one such shape into the parse error Python would give,
 * so ESLint never audits code that cannot run. `watched` holds the candidate nodes, collected during conversion.
 */
export function checkPython3(program: Program, watched: ReadonlyArray<PyNode>, text: string, lines: LineIndex): void {
  const fail = (offset: number, message: string): never => {
    throw PythonSyntaxError.at(text, offset, message, lines);
  };
  const indentOf = (node: PyNode) => lineIndent(node, text);
  // Module-level statements start at column 0 (after a form feed) unless they follow another on the same line.
  for (const statement of program.body) {
    const indent = indentOf(statement);
    if (indent && (indent.tabs8 || indent.tabs1)) fail(statement.range[0], "unexpected indent");
    checkLogicalLine(statement, text, fail);
  }
  for (const node of watched) {
    switch (node.type) {
      case "PyPrintStatement":
        // `print >>f, x` is also a valid Python 3 expression (a tuple holding `print >> f`); it fails only at run time.
        if (!node.chevron) fail(node.range[0], "Python 2 print statement; Python 3 needs print(...)");
        break;
      case "PyExecStatement":
        fail(node.range[0], "Python 2 exec statement; Python 3 needs exec(...)");
        break;
      case "PyComparisonOperator": {
        const index = node.operators.indexOf("<>");
        if (index !== -1) {
          const gapStart = node.children[index].range[1];
          fail(
            gapStart + text.slice(gapStart, node.children[index + 1].range[0]).indexOf("<>"),
            "'<>' is Python 2; use '!='",
          );
        }
        break;
      }
      case "PyString":
        if (node.quote === "`") fail(node.range[0], "backquotes are Python 2; use repr(...)");
        if (!VALID_STRING_PREFIX.test(node.prefix)) fail(node.range[0], "invalid syntax (string prefix)");
        break;
      case "PyInteger": {
        const literal = text.slice(node.range[0], node.range[1]);
        if (/[lL]$/u.test(literal)) fail(node.range[0], `invalid decimal literal '${literal}' (Python 2 long suffix)`);
        if (/^0[0-9_]*[1-9]/u.test(literal)) {
          fail(
            node.range[0],
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
          );
        }
        break;
      }
      case "PyBlock":
        if (node.children.length === 0 && node.alternative.length === 0) {
          fail(node.range[0], "expected an indented block");
        }
        checkBlockIndentation(node, indentOf, fail);
        for (const statement of node.children) checkLogicalLine(statement, text, fail);
        if (node.parent) checkHeaderLine(node.parent, node, text, fail);
        break;
      case "PyDecoratedDefinition":
        // Decorators and their definition line up: `@dec` then an indented `def` is an unexpected indent.
        for (const part of [...node.decorators.slice(1), node.definition])
          checkSameIndent(part, node.decorators[0] ?? node, indentOf, fail);
        break;
      case "PyElifClause":
      case "PyElseClause":
      case "PyExceptClause":
      case "PyFinallyClause":
        if (node.parent) checkSameIndent(node, node.parent, indentOf, fail);
        break;

      case "PyArgumentList":
        checkArgumentOrder(node, fail);
        break;
      case "PyParameters":
      case "PyLambdaParameters":
        checkParameterOrder(node, text, fail);
        break;
      case "PyAssignment":
        // `a = b: int = 1`, `a, b: int = 1`: only a single target may be annotated.
        if (
          node.annotation &&
          (node.parent?.type === "PyAssignment" ||
            ["PyPatternList", "PyTuplePattern"].includes(unparenthesizedTarget(node.left, text).type))
        )
          fail(node.annotation.range[0], "invalid syntax (only a single target can be annotated)");
        break;
      case "PyListSplat":
        // tree-sitter binds `*` tighter than Python (`*a.b()` is read as `(*a).b()`), so only a star after the
        // start of its parent (`y - *i`) is certainly misplaced.
        if (node.parent && STARLESS_PARENTS.has(node.parent.type) && node.range[0] > node.parent.range[0])
          fail(node.range[0], "invalid syntax (a starred expression cannot stand here)");
        break;
      case "PyImportStatement":
      case "PyImportFromStatement":
        // `import a,` / `from b import a,`: a trailing comma needs parentheses.
        if (!text.slice(node.range[0], node.range[1]).includes("(")) {
          const after = /^[ \t]*,/u.exec(text.slice(node.range[1], node.range[1] + 80));
          const comma =
            text[node.range[1] - 1] === "," ? node.range[1] - 1 : after ? node.range[1] + after[0].length - 1 : -1;
          if (comma !== -1) fail(comma, "trailing comma not allowed without surrounding parentheses");
        }
        break;
      case "PyAugmentedAssignment": {
        const target = unparenthesizedTarget(node.left, text);
        if (target.type !== "PyIdentifier" && target.type !== "PyAttribute" && target.type !== "PySubscript")
          fail(node.left.range[0], "illegal expression for augmented assignment");
        break;
      }
      case "PyTryStatement":
        if (node.handlers.length === 0 && !node.finalbody) {
          fail(node.range[0], "expected 'except' or 'finally' block");
        }
        break;
      case "PyRaiseStatement":
        if (node.exception?.type === "PyExpressionList")
          fail(node.exception.range[0], "Python 2 'raise E, V' form; use raise E(V)");
        break;
      case "PyDeleteStatement":
        for (const target of deleteTargets([node.target])) {
          if (!["PyIdentifier", "PyAttribute", "PySubscript"].includes(target.type)) {
            fail(
              target.range[0],
              `cannot delete ${target.type
                .slice(2)
                .replace(/([a-z])([A-Z])/gu, "$1 $2")
                .toLowerCase()}`,
            );
          }
        }
        break;
      default:
        break;
    }
  }
}

/** The simple targets of a `del` statement, looking through tuples, lists and parentheses. */
function deleteTargets(nodes: ReadonlyArray<PyNode>): PyNode[] {
  const out: PyNode[] = [];
  const pending = [...nodes];
  while (pending.length) {
    const node = pending.shift()!;
    if (
      node.type === "PyExpressionList" ||
      node.type === "PyTuple" ||
      node.type === "PyList" ||
      node.type === "PyParenthesizedExpression"
    ) {
      pending.unshift(...(node.type === "PyParenthesizedExpression" ? [node.expression] : node.children));
    } else out.push(node);
  }
  return out;
}

/** An indentation measured as Python's tokenizer does: tabs to multiples of 8, and tabs as 1 (to catch mixes). */
interface Indent {
  tabs8: number;
  tabs1: number;
}

/**
 * The indentation of the line `node` starts, or null when something precedes it on its logical line (`a; b`, a
 * `\` continuation) or it has no line of its own. A form feed resets the count, as in Python.
 */
function lineIndent(node: PyNode, text: string): Indent | null {
  // Back to the line's start over blanks only (read in place: this runs for every statement of every block).
  let lineStart = node.range[0];
  for (; lineStart > 0; lineStart--) {
    const c = text.charCodeAt(lineStart - 1);
    if (c === 10 || c === 13) break;
    if (c !== 32 && c !== 9 && c !== 12 && !(c === 0xfeff && lineStart === 1)) return null;
  }
  if (lineStart > 0) {
    // A `\` continuation joins the line to the previous one.
    let end = lineStart - 1;
    if (text[end] === "\n" && text[end - 1] === "\r") end--;
    if (text[end - 1] === "\\") return null;
  }
  let tabs8 = 0;
  let tabs1 = 0;
  for (let k = lineStart; k < node.range[0]; k++) {
    const c = text.charCodeAt(k);
    if (c === 12) {
      tabs8 = 0; // A form feed resets the count, as in Python.
      tabs1 = 0;
    } else if (c === 9) {
      tabs8 = (Math.floor(tabs8 / 8) + 1) * 8;
      tabs1++;
    } else if (c === 32) {
      tabs8++;
      tabs1++;
    }
  }
  return { tabs8, tabs1 };
}

/**
 * tree-sitter's scanner accepts a statement indented deeper or less deep than its siblings, and tabs mixed with
 * spaces in ways that depend on the tab width; Python rejects all three.
 */
function checkBlockIndentation(
  block: PyNode & { type: "PyBlock" },
  indentOf: (node: PyNode) => Indent | null,
  fail: (offset: number, message: string) => never,
): void {
  const parent = block.parent ? indentOf(block.parent) : null;
  let first: Indent | null = null;
  let previous: PyNode | null = null;
  for (const statement of block.children) {
    const indent = indentOf(statement);
    const before = previous;
    previous = statement;
    if (!indent) continue;
    if (!first) {
      first = indent;
      if (parent) {
        const deeper8 = indent.tabs8 > parent.tabs8;
        const deeper1 = indent.tabs1 > parent.tabs1;
        if (deeper8 !== deeper1 || (!deeper8 && indent.tabs8 === parent.tabs8) !== (indent.tabs1 === parent.tabs1))
          fail(statement.range[0], "inconsistent use of tabs and spaces in indentation");
        if (!deeper8) fail(statement.range[0], "expected an indented block");
      }
      continue;
    }
    const same8 = indent.tabs8 === first.tabs8;
    if (same8 && indent.tabs1 === first.tabs1) continue;
    if (same8 !== (indent.tabs1 === first.tabs1))
      fail(statement.range[0], "inconsistent use of tabs and spaces in indentation");
    // Deeper than the line before it is an indent where none may start; shallower, a dedent to no open level.
    const last = before ? indentOf(lastStatement(before)) : null;
    fail(
      statement.range[0],
      indent.tabs8 > (last ?? first).tabs8
        ? "unexpected indent"
        : "unindent does not match any outer indentation level",
    );
  }
}

/** Where `*x` cannot stand: as an operand, a callee or attribute owner, a keyword's or a dict entry's value. */
const STARLESS_PARENTS = new Set([
  "PyBinaryOperator",
  "PyBooleanOperator",
  "PyComparisonOperator",
  "PyUnaryOperator",
  "PyNotOperator",
  "PyAttribute",
  "PyCall",
  "PyConditionalExpression",
  "PyAwait",
  "PyKeywordArgument",
  "PyPair",
  "PyNamedExpression",
  "PyLambda",
  "PySlice",
  "PyDecorator",
]);

/** Python 3's string prefixes (any case): r, u, b, f, br/rb, fr/rf. */
const VALID_STRING_PREFIX = /^(?:[rRuUbBfF]?|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF])$/u;

/** `node` starts its line at the same indentation as `owner` (a clause and its statement, a def and its decorator). */
function checkSameIndent(
  node: PyNode,
  owner: PyNode,
  indentOf: (node: PyNode) => Indent | null,
  fail: (offset: number, message: string) => never,
): void {
  const indent = indentOf(node);
  const expected = indentOf(owner);
  if (!indent || !expected || (indent.tabs8 === expected.tabs8 && indent.tabs1 === expected.tabs1)) return;
  if ((indent.tabs8 === expected.tabs8) !== (indent.tabs1 === expected.tabs1))
    fail(node.range[0], "inconsistent use of tabs and spaces in indentation");
  fail(
    node.range[0],
    indent.tabs8 > expected.tabs8 ? "unexpected indent" : "unindent does not match any outer indentation level",
  );
}

/**
 * A simple statement is one logical line: tree-sitter skips a line break where its grammar expects no NEWLINE
 * (`x =` then the value on the next line, `elseelse:` then a statement read as an annotation), Python does not.
 */
function checkLogicalLine(statement: PyNode, text: string, fail: (offset: number, message: string) => never): void {
  if (COMPOUND_STATEMENT_TYPES.has(statement.type)) return;
  const broken = lineBreakOutsideBrackets(text, statement.range[0], statement.range[1]);
  if (broken !== -1) fail(broken, "invalid syntax (a statement continues on the next line without brackets or \\)");
}

/** A compound statement's header (`class A(B):`) is one logical line too, up to its colon. */
function checkHeaderLine(
  owner: PyNode,
  block: PyNode,
  text: string,
  fail: (offset: number, message: string) => never,
): void {
  // The usual header is one line holding its colon, then the block on the next line or after the colon: settled
  // without a scan.
  let firstBreak = -1;
  let breaks = 0;
  for (let i = owner.range[0]; i < block.range[0] && breaks < 2; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || (c === 10 && text.charCodeAt(i - 1) !== 13)) {
      if (breaks++ === 0) firstBreak = i;
    }
  }
  if (breaks === 0 || (breaks === 1 && text.lastIndexOf(":", firstBreak) >= owner.range[0])) return;
  // The header ends at the last colon outside brackets before the block; what follows it (a comment) may break.
  let colon = -1;
  scanCode(text, owner.range[0], block.range[0], (i, depth) => {
    if (depth === 0 && text[i] === ":") colon = i;
  });
  if (colon === -1) return;
  const broken = lineBreakOutsideBrackets(text, owner.range[0], colon);
  if (broken !== -1) fail(broken, "invalid syntax (a statement continues on the next line without brackets or \\)");
}

/** The first line break in [start, end) outside brackets and strings and not after `\\`, or -1. */
function lineBreakOutsideBrackets(text: string, start: number, end: number): number {
  // A plain loop, not scanCode: this runs on every multi-line statement (most are calls inside brackets).
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */) i = commentEnd(text, i) - 1;
    else if (c === 39 || c === 34 /* quotes */) i = stringEnd(text, i) - 1;
    else if (c === 40 || c === 91 || c === 123 /* ( [ { */) depth++;
    else if (c === 41 || c === 93 || c === 125 /* ) ] } */) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === 13 || (c === 10 && text.charCodeAt(i - 1) !== 13))) {
      // A CRLF is seen at its \r; a break right after `\\` continues the line.
      if (text.charCodeAt(i - 1) !== 92 /* \\ */) return i;
    }
  }
  return -1;
}

/** Calls `visit(i, depth)` for each character of [start, end) outside strings and comments, with the bracket depth. */
function scanCode(text: string, start: number, end: number, visit: (i: number, depth: number) => void): void {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === "#") i = commentEnd(text, i) - 1;
    else if (c === "'" || c === '"') i = stringEnd(text, i) - 1;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth = Math.max(0, depth - 1);
    else visit(i, depth);
  }
}

/** The last simple statement in `node`, descending into the last block of a compound statement. */
function lastStatement(node: PyNode): PyNode {
  let current = node;
  for (;;) {
    // The last sub-node in source order (childNodes sorts them), down to a block (an `else` clause holds one).
    let next: PyNode | null = childNodes(current).at(-1) ?? null;
    while (next && next.type !== "PyBlock") next = childNodes(next).at(-1) ?? null;
    if (next?.type !== "PyBlock" || !next.children.length) return current;
    current = next.children[next.children.length - 1];
  }
}

/** Keyword arguments come after positional ones, and `**k` after `*a`: tree-sitter takes any order. */
function checkArgumentOrder(
  list: PyNode & { type: "PyArgumentList" },
  fail: (offset: number, message: string) => never,
): void {
  let keyword = false;
  let keywordUnpacking = false;
  for (const argument of list.children) {
    if (argument.type === "PyKeywordArgument") keyword = true;
    else if (argument.type === "PyDictionarySplat") keywordUnpacking = true;
    else if (argument.type === "PyListSplat") {
      if (keywordUnpacking) fail(argument.range[0], "iterable argument unpacking follows keyword argument unpacking");
    } else if (keywordUnpacking) fail(argument.range[0], "positional argument follows keyword argument unpacking");
    else if (keyword) fail(argument.range[0], "positional argument follows keyword argument");
  }
}

/** A parameter without a default may not follow one with a default, until `*` or `*args` starts keyword-only ones. */
function checkParameterOrder(
  list: PyNode & { type: "PyParameters" | "PyLambdaParameters" },
  text: string,
  fail: (offset: number, message: string) => never,
): void {
  let defaulted = false;
  for (const parameter of list.children) {
    switch (parameter.type) {
      case "PyDefaultParameter":
      case "PyTypedDefaultParameter":
        defaulted = true;
        break;
      case "PyKeywordSeparator":
      case "PyListSplatPattern":
      case "PyDictionarySplatPattern":
        return;
      case "PyPositionalSeparator":
        break;
      default:
        // `*args: int` is a typed parameter too.
        if (text[parameter.range[0]] === "*") return;
        if (defaulted) fail(parameter.range[0], "non-default argument follows default argument");
    }
  }
}

/** What parentheses hold: tree-sitter reads the target `(a)` as a one-element tuple pattern without a comma. */
function unparenthesizedTarget(node: PyNode, text: string): PyNode {
  let current = unparenthesize(node)!;
  while (
    current.type === "PyTuplePattern" &&
    current.children.length === 1 &&
    !text.slice(current.children[0].range[1], current.range[1]).includes(",")
  )
    current = unparenthesize(current.children[0])!;
  return current;
}

/** Python's tokenizer gives up beyond this many open brackets (MAXLEVEL). */
export const MAX_BRACKET_NESTING = 200;

/** More than `MAX_BRACKET_NESTING` open brackets is an error in Python; strings and comments do not count. */
export function checkBracketNesting(text: string, lines: LineIndex): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "#") i = commentEnd(text, i) - 1;
    else if (c === "'" || c === '"') i = stringEnd(text, i) - 1;
    else if (c === "(" || c === "[" || c === "{") {
      if (++depth > MAX_BRACKET_NESTING) throw PythonSyntaxError.at(text, i, "too many nested parentheses", lines);
    } else if (c === ")" || c === "]" || c === "}") depth = Math.max(0, depth - 1);
  }
}
