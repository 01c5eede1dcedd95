// Build-time workaround for an engine parser bug: QuickJS 2021-03-27 rejects `\-` inside a
// character class of a regular expression with the `u` flag ("invalid escape sequence in regular
// expression"), although ECMAScript allows it there (ES2022 22.2.1, ClassEscape :: [+U] `-`).
// fast-uri (Fastify, ajv) writes such literals. `\x2d` means the same character and the engine
// accepts it, so every such literal in the bundle is rewritten; patterns built at run time with
// `new RegExp(...)` are the runtime's business (os/node wraps the constructor).
//
// The scan is a small JavaScript lexer over esbuild's output (plain JavaScript, no JSX or types):
// it skips strings, template literals (with nested `${}`), comments and numbers, and tells a
// regular expression from a division by the previous significant token (ES2022 12 "ECMAScript
// Language: Lexical Grammar": `/` starts a RegularExpressionLiteral where an expression may start).
// Code that puts a regexp literal right after `)` or `}` of an object literal is ambiguous to
// such a lexer; esbuild does not print it that way.

/** Keywords after which an expression (hence a regexp literal) may start. */
const EXPRESSION_KEYWORDS = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else',
  'yield', 'await',
]);

function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 36 || c === 95 || c === 92 || c > 127;
}

export interface RewriteResult {
  code: string;
  /** How many `\-` escapes were rewritten. */
  count: number;
}

/** Rewrites `\-` to `\x2d` inside character classes of `/u` regexp literals in `code`. */
export function rewriteUnicodeClassDashes(code: string): RewriteResult {
  let out = '';
  let copied = 0; // code[copied..i) has not yet been appended to `out`
  let count = 0;
  let regexAllowed = true;
  // One entry per open template literal: the brace depth at which its `${` was opened.
  const templates: number[] = [];
  let depth = 0;
  const n = code.length;
  let i = 0;

  const skipTemplateChars = () => {
    // At the first character after "`" or after the "}" that closes a substitution.
    while (i < n) {
      const c = code[i];
      if (c === '\\') i += 2;
      else if (c === '`') { i++; regexAllowed = false; return; }
      else if (c === '$' && code[i + 1] === '{') { i += 2; templates.push(depth); depth++; regexAllowed = true; return; }
      else i++;
    }
  };

  while (i < n) {
    const c = code[i];
    const cc = code.charCodeAt(i);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    if (c === '/' && code[i + 1] === '/') { while (i < n && code[i] !== '\n') i++; continue; }
    if (c === '/' && code[i + 1] === '*') { const end = code.indexOf('*/', i + 2); i = end < 0 ? n : end + 2; continue; }
    if (c === '"' || c === "'") {
      i++;
      while (i < n && code[i] !== c && code[i] !== '\n') i += code[i] === '\\' ? 2 : 1;
      i++;
      regexAllowed = false;
      continue;
    }
    if (c === '`') { i++; skipTemplateChars(); continue; }
    if (c === '{') { depth++; i++; regexAllowed = true; continue; }
    if (c === '}') {
      depth--;
      i++;
      if (templates.length && templates[templates.length - 1] === depth) {
        templates.pop();
        skipTemplateChars();
      } else {
        regexAllowed = true;
      }
      continue;
    }
    if ((cc >= 48 && cc <= 57) || (c === '.' && code.charCodeAt(i + 1) >= 48 && code.charCodeAt(i + 1) <= 57)) {
      while (i < n && (isIdentChar(code.charCodeAt(i)) || code[i] === '.')) i++;
      regexAllowed = false;
      continue;
    }
    if (isIdentChar(cc) || c === '#') {
      const start = i;
      i++;
      while (i < n && isIdentChar(code.charCodeAt(i))) i++;
      const word = code.slice(start, i);
      // A property name (`x.return`) is never a keyword.
      let p = start - 1;
      while (p >= 0 && (code[p] === ' ' || code[p] === '\n' || code[p] === '\t' || code[p] === '\r')) p--;
      const afterDot = p >= 0 && code[p] === '.' && code[p - 1] !== '.';
      regexAllowed = !afterDot && EXPRESSION_KEYWORDS.has(word);
      continue;
    }
    if (c === '/' && regexAllowed) {
      const start = i;
      i++;
      let inClass = false;
      while (i < n && code[i] !== '\n') {
        if (code[i] === '\\') { i += 2; continue; }
        if (code[i] === '[') inClass = true;
        else if (code[i] === ']') inClass = false;
        else if (code[i] === '/' && !inClass) break;
        i++;
      }
      const bodyEnd = i;
      i++;
      while (i < n && isIdentChar(code.charCodeAt(i))) i++;
      const flags = code.slice(bodyEnd + 1, i);
      if (flags.includes('u')) {
        const rewritten = rewriteBody(code.slice(start + 1, bodyEnd));
        if (rewritten.count) {
          out += code.slice(copied, start + 1) + rewritten.body;
          copied = bodyEnd;
          count += rewritten.count;
        }
      }
      regexAllowed = false;
      continue;
    }
    // Punctuators. After `)` or `]` or a postfix `++`/`--` a `/` divides; after anything else an
    // expression may start.
    if (c === ')' || c === ']') { i++; regexAllowed = false; continue; }
    if ((c === '+' || c === '-') && code[i + 1] === c) { i += 2; regexAllowed = false; continue; }
    i++;
    regexAllowed = true;
  }
  return { code: copied === 0 ? code : out + code.slice(copied), count };
}

function rewriteBody(body: string): { body: string; count: number } {
  let out = '';
  let count = 0;
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      const next = body[i + 1];
      if (inClass && next === '-') { out += '\\x2d'; count++; }
      else out += c + (next ?? '');
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  return { body: out, count };
}
