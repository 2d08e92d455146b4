import { TEMPLATE_FILTERS_SOURCE } from './templateFilters';

/** Options baked into one sandbox (one isolate) when it boots. */
export interface SandboxScriptOptions {
  cookiecutterCompat: boolean;
  trimBlocks: boolean;
  lstripBlocks: boolean;
}

/**
 * The JavaScript that boots inside the isolate: nunjucks's browser bundle, the Backstage filters, and
 * a global `__pavedRender(mode, input, contextJson)` that returns a JSON string
 * `{ok:true,value}` or `{ok:false,error:{message,line,column}}` (plain data, never a live object).
 *
 * After boot the realm is locked down so one render cannot tamper with the next (a renderer may be
 * shared by templates of different authors): code generation (`Function`, `eval`, their
 * `.constructor` routes) is removed, and every intrinsic, the global object and nunjucks itself are
 * frozen. Nunjucks keeps its private reference to `Function`, which it needs to compile templates.
 */
export function buildSandboxScript(nunjucksSource: string, options: SandboxScriptOptions): string {
  // JSON.stringify twice: the options become a JS string literal that is parsed inside the isolate.
  const optionsLiteral = JSON.stringify(JSON.stringify(options));
  return `(function () {
var OPTIONS = JSON.parse(${optionsLiteral});
var RealFunction = Function;
var nj = (function (Function) {
  var module = { exports: {} }; var exports = module.exports;
  var window = undefined, process = undefined, require = undefined, define = undefined;
${nunjucksSource}
;
  return module.exports;
})(RealFunction);
${TEMPLATE_FILTERS_SOURCE}
${SANDBOX_RUNTIME_SOURCE}
})();`;
}

// language=JavaScript
const SANDBOX_RUNTIME_SOURCE = String.raw`
var Node = nj.nodes.Node;
var SafeString = nj.runtime.SafeString;
var jsonParse = JSON.parse, jsonStringify = JSON.stringify, hasOwn = Object.prototype.hasOwnProperty;
var defineProperty = Object.defineProperty, freeze = Object.freeze, ProxyCtor = Proxy, reflectGet = Reflect.get;
var EAGER_RANGE_MAX = 100000;

if (OPTIONS.cookiecutterCompat) nj.installJinjaCompat();

// nunjucks's range builds the whole array up front, so range(0, 1000000000000) would exhaust memory
// before the time limit could stop a loop over it. Large ranges are a read-only array view instead.
function lazyRange(start, stop, step) {
  if (stop === undefined) { stop = start; start = 0; }
  start = +start; stop = +stop; step = step === undefined ? 1 : +step;
  if (!step || start !== start || stop !== stop) return [];
  var length = Math.max(0, Math.ceil((stop - start) / step));
  if (length <= EAGER_RANGE_MAX) {
    var out = [];
    for (var i = 0; i < length; i++) out.push(start + i * step);
    return out;
  }
  function index(key) { return typeof key === 'string' && /^(0|[1-9][0-9]*)$/.test(key) ? +key : -1; }
  return new ProxyCtor([], {
    get: function (target, key) {
      if (key === 'length') return length;
      var i = index(key);
      if (i !== -1) return i < length ? start + i * step : undefined;
      return reflectGet(target, key);
    },
    has: function (target, key) { var i = index(key); return i !== -1 ? i < length : key in target; },
    set: function () { return false; },
    defineProperty: function () { return false; },
    deleteProperty: function () { return false; },
  });
}

var filters = createPavedFilters();
var captured;
function makeEnv(variableStart) {
  var env = new nj.Environment([], {
    autoescape: false,
    throwOnUndefined: false,
    trimBlocks: !!OPTIONS.trimBlocks,
    lstripBlocks: !!OPTIONS.lstripBlocks,
    tags: { variableStart: variableStart, variableEnd: '}}' },
  });
  for (var name in filters) env.addFilter(name, filters[name]);
  env.addGlobal('range', lazyRange);
  // Used by renderValue to keep an expression's type; returns '' so nothing is printed.
  env.addFilter('__pavedCapture', function (value) { captured = { value: value }; return ''; });
  return env;
}
var dollarEnv = makeEnv('\${{');
var textEnv = dollarEnv;
if (OPTIONS.cookiecutterCompat) {
  textEnv = makeEnv('{{');
  textEnv.addFilter('jsonify', textEnv.getFilter('dump'));
}

// ---- errors: turn nunjucks's "(unknown path) [Line 2, Column 5]\n  Error: msg" into plain data
function findUnknownFilter(env, template, name) {
  var found;
  function walk(node) {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) { for (var i = 0; i < node.length; i++) walk(node[i]); return; }
    if (!(node instanceof Node)) return;
    if ((node.typename === 'Filter' || node.typename === 'FilterAsync') && node.name && node.name.value === name) {
      found = { line: node.name.lineno + 1, column: node.name.colno + 1 };
      return;
    }
    for (var j = 0; j < node.fields.length; j++) walk(node[node.fields[j]]);
  }
  try { walk(nj.parser.parse(template, env.extensionsList, env.opts)); } catch (e) { /* position unknown */ }
  return found || {};
}

function toError(e, env, template) {
  var text = String(e && e.message !== undefined ? e.message : e);
  var line, column;
  var m = /^\([^)]*\)(?: \[Line (\d+)(?:, Column (\d+))?\])?\n\s*/.exec(text);
  if (m) {
    text = text.slice(m[0].length);
    if (m[1]) line = +m[1];
    if (m[2]) column = +m[2];
  }
  text = text.replace(/^(Error|TypeError|ReferenceError): /, '');
  var unknown = /^filter not found: (.+)$/.exec(text);
  if (unknown) {
    text = "unknown filter '" + unknown[1] + "'";
    var at = findUnknownFilter(env, template, unknown[1]);
    line = at.line; column = at.column;
  }
  return { message: text, line: line, column: column };
}

// ---- rendering
// Compiled templates, most recently used last: the same skeleton files and step inputs come back
// run after run, and compiling is most of a render's cost.
var CACHE_MAX = 128, CACHE_MAX_SOURCE = 16384;
var compiled = { text: new Map(), value: new Map() };
function renderWith(env, kind, source, ctx) {
  if (source.length > CACHE_MAX_SOURCE) return env.renderString(source, ctx);
  var cache = compiled[kind];
  var tmpl = cache.get(source);
  if (tmpl) {
    cache.delete(source);
  } else {
    tmpl = new nj.Template(source, env, undefined, true);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value);
  }
  cache.set(source, tmpl);
  return tmpl.render(ctx);
}
function parseContext(contextJson, forText) {
  var ctx = jsonParse(contextJson);
  if (forText && OPTIONS.cookiecutterCompat && ctx.values !== undefined && !hasOwn.call(ctx, 'cookiecutter')) {
    ctx.cookiecutter = ctx.values;
  }
  return ctx;
}

function plain(value) {
  return value instanceof SafeString ? String(value) : value;
}

// A string that is exactly one ${'$'}{{ expr }} keeps the expression's type (Backstage semantics).
function singleExpression(template) {
  if (template.slice(0, 3) !== '\${{' || template.slice(-2) !== '}}') return undefined;
  var root;
  try { root = nj.parser.parse(template, dollarEnv.extensionsList, dollarEnv.opts); } catch (e) { return undefined; }
  var only = root.children.length === 1 ? root.children[0] : undefined;
  if (!only || only.typename !== 'Output' || only.children.length !== 1) return undefined;
  if (only.children[0].typename === 'TemplateData') return undefined;
  return template.slice(3, -2);
}

function renderValueString(template, ctx) {
  if (template.indexOf('\${{') === -1 && template.indexOf('{%') === -1 && template.indexOf('{#') === -1) return template;
  var expr = singleExpression(template);
  if (expr === undefined) return renderWith(dollarEnv, 'value', template, ctx);
  captured = undefined;
  renderWith(dollarEnv, 'value', '\${{ (' + expr + ') | __pavedCapture }}', ctx);
  var result = captured ? plain(captured.value) : undefined;
  captured = undefined;
  return result;
}

function renderValueDeep(value, ctx) {
  if (typeof value === 'string') return renderValueString(value, ctx);
  if (Array.isArray(value)) {
    var arr = [];
    for (var i = 0; i < value.length; i++) arr.push(renderValueDeep(value[i], ctx));
    return arr;
  }
  if (value && typeof value === 'object') {
    var out = {};
    var keys = Object.keys(value);
    for (var j = 0; j < keys.length; j++) {
      var rendered = renderValueDeep(value[keys[j]], ctx);
      if (rendered !== undefined) defineProperty(out, keys[j], { value: rendered, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

function render(mode, input, contextJson) {
  var env = mode === 'text' ? textEnv : dollarEnv;
  var template = mode === 'text' ? input : '';
  try {
    if (mode === 'text') {
      return jsonStringify({ ok: true, value: String(renderWith(textEnv, 'text', input, parseContext(contextJson, true))) });
    }
    var value = jsonParse(input);
    var result = renderValueDeep(value, parseContext(contextJson, false));
    return result === undefined ? '{"ok":true}' : jsonStringify({ ok: true, value: result });
  } catch (e) {
    captured = undefined;
    var err = toError(e, env, template);
    // A string being rendered for renderValue: point at it, since the caller sees no template.
    return jsonStringify({ ok: false, error: err });
  }
}

// ---- lockdown
var blockedCodegen = function () { throw new TypeError('code generation is disabled in templates'); };
var codegenCtors = [
  RealFunction,
  (async function () {}).constructor,
  (function* () {}).constructor,
  (async function* () {}).constructor,
];
for (var c = 0; c < codegenCtors.length; c++) {
  defineProperty(codegenCtors[c].prototype, 'constructor', { value: blockedCodegen, writable: false, configurable: false });
}
['Function', 'eval', 'WebAssembly', 'SharedArrayBuffer', 'Atomics'].forEach(function (name) { delete globalThis[name]; });
defineProperty(globalThis, '__pavedRender', { value: render, writable: false, configurable: false, enumerable: false });

// Freezing a prototype makes an ordinary assignment of the same name on an instance fail (the JS
// "override mistake"); nunjucks does \`err.name = ...\`. These properties become accessors whose setter
// defines an own property on the instance instead, as in SES's lockdown.
function enableOverride(obj, prop) {
  var d = Object.getOwnPropertyDescriptor(obj, prop);
  if (!d || !('value' in d) || !d.configurable || !d.writable) return;
  var value = d.value;
  defineProperty(obj, prop, {
    get: function () { return value; },
    set: function (v) {
      if (this === obj) throw new TypeError('Cannot assign to read only property ' + String(prop));
      defineProperty(this, prop, { value: v, writable: true, enumerable: true, configurable: true });
    },
    enumerable: d.enumerable,
    configurable: false,
  });
}
var overridable = ['constructor', 'name', 'message', 'toString', 'valueOf', 'toLocaleString', 'toJSON', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'length', 'push', 'join', 'map', 'filter', 'slice', 'sort', 'concat', 'indexOf', 'keys', 'values', 'entries', 'forEach', 'reduce', 'splice'];
[Object.prototype, Array.prototype, RealFunction.prototype, Error.prototype, TypeError.prototype, RangeError.prototype,
  SyntaxError.prototype, ReferenceError.prototype, EvalError.prototype, URIError.prototype].forEach(function (proto) {
  overridable.forEach(function (prop) { if (prop !== 'constructor' || proto !== RealFunction.prototype) enableOverride(proto, prop); });
});

function reachable(root) {
  var seen = new WeakSet(), all = [], stack = [root];
  while (stack.length) {
    var obj = stack.pop();
    if ((typeof obj !== 'object' && typeof obj !== 'function') || obj === null || seen.has(obj)) continue;
    seen.add(obj);
    all.push(obj);
    stack.push(Object.getPrototypeOf(obj));
    var keys = Reflect.ownKeys(obj);
    for (var i = 0; i < keys.length; i++) {
      var d = Object.getOwnPropertyDescriptor(obj, keys[i]);
      if (!d) continue;
      if ('value' in d) stack.push(d.value); else { stack.push(d.get); stack.push(d.set); }
    }
  }
  return all;
}

// Library classes (nunjucks's SafeString sets this.length over its prototype's length) get the
// same treatment for every writable property of their prototypes.
function deepFreeze(root, libraryPrototypes) {
  var all = reachable(root);
  if (libraryPrototypes) {
    all.forEach(function (obj) {
      if (typeof obj !== 'function') return;
      var d = Object.getOwnPropertyDescriptor(obj, 'prototype');
      var proto = d && d.value;
      if (!proto || typeof proto !== 'object' || Object.isFrozen(proto)) return;
      Reflect.ownKeys(proto).forEach(function (key) { enableOverride(proto, key); });
    });
  }
  all.forEach(function (obj) { freeze(obj); });
}
deepFreeze(globalThis);
deepFreeze(nj, true);
deepFreeze(filters);
deepFreeze(blockedCodegen);
`;
