import type { Program, PyNode } from "../ast/generated/node-types.js";
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
  // Module-level statements start at column 0 unless they follow another statement on the same line.
  let previousEndLine = 0;
  for (const statement of program.body) {
    if (statement.loc.start.line !== previousEndLine && statement.loc.start.column !== 0) {
      const lineStart = lines.lineStarts[statement.loc.start.line - 1];
      // A `\` continuation joins the line to the previous one; a BOM left at the start is not indentation.
      const continued = /\\\r?\n?$/u.test(text.slice(Math.max(0, lineStart - 3), lineStart));
      const bom = lineStart === 0 && text.slice(0, statement.range[0]) === "\uFEFF";
      if (!continued && !bom) fail(statement.range[0], "unexpected indent");
    }
    previousEndLine = statement.loc.end.line;
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
        break;
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
