/**
 * Backstage's default scaffolder filters (`createDefaultFilters`: parseRepoUrl, parseEntityRef, pick,
 * projectSlug), written as plain JavaScript that is evaluated *inside* the isolate, so a filter call
 * never crosses back into the host. The source defines `createPavedFilters()`, which returns a
 * name → function map; the sandbox script adds each to its nunjucks environments.
 *
 * Differences from Backstage, on purpose:
 * - parseRepoUrl has no SCM integration registry here, so the host's kind (github, gitlab, bitbucket,
 *   azure, gitea, gerrit) is inferred from its name; unknown hosts get the GitHub rule (owner + repo).
 * - pick reads own properties only (lodash `get` also walks the prototype chain), so a template cannot
 *   use it to reach constructors.
 */
export const TEMPLATE_FILTER_NAMES = ['parseRepoUrl', 'parseEntityRef', 'pick', 'projectSlug'] as const;

// language=JavaScript
export const TEMPLATE_FILTERS_SOURCE = String.raw`
function createPavedFilters() {
  var hasOwn = Object.prototype.hasOwnProperty;
  var HOST_RE = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$/;

  function describe(value) {
    if (typeof value === 'string') return JSON.stringify(value.length > 200 ? value.slice(0, 200) + '...' : value);
    if (value === undefined) return 'undefined';
    try { return JSON.stringify(value); } catch (e) { return typeof value; }
  }

  function trimSlashes(s) {
    var start = 0, end = s.length;
    while (start < end && s.charAt(start) === '/') start++;
    while (end > start && s.charAt(end - 1) === '/') end--;
    return s.slice(start, end);
  }

  function decodePart(s, url) {
    try { return decodeURIComponent(s.replace(/\+/g, ' ')); }
    catch (e) { throw new Error('Invalid repo URL passed to parseRepoUrl, got ' + describe(url) + ': bad percent-encoding'); }
  }

  function hostKind(host) {
    var name = host.replace(/:[0-9]+$/, '');
    if (name.indexOf('gitlab') !== -1) return 'gitlab';
    if (name.indexOf('bitbucket') !== -1) return 'bitbucket';
    if (name === 'dev.azure.com' || /\.visualstudio\.com$/.test(name) || name.indexOf('azure') !== -1) return 'azure';
    if (name.indexOf('gitea') !== -1) return 'gitea';
    if (name.indexOf('gerrit') !== -1) return 'gerrit';
    return 'default';
  }

  function parseRepoUrl(url) {
    if (typeof url !== 'string' || url.trim() === '') {
      throw new Error('Invalid repo URL passed to parseRepoUrl, got ' + describe(url) + ' (expected e.g. "github.com?owner=o&repo=r")');
    }
    var q = url.indexOf('?');
    var authority = (q === -1 ? url : url.slice(0, q)).split('#')[0].split('/')[0];
    var host = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase().replace(/:443$/, '');
    if (!HOST_RE.test(host)) {
      throw new Error('Invalid repo URL passed to parseRepoUrl, got ' + describe(url) + ': ' + describe(host) + ' is not a host name');
    }
    var params = {};
    var query = q === -1 ? '' : url.slice(q + 1).split('#')[0];
    var pairs = query === '' ? [] : query.split('&');
    for (var i = 0; i < pairs.length; i++) {
      if (pairs[i] === '') continue;
      var eq = pairs[i].indexOf('=');
      var key = decodePart(eq === -1 ? pairs[i] : pairs[i].slice(0, eq), url);
      var value = eq === -1 ? '' : decodePart(pairs[i].slice(eq + 1), url);
      if (!hasOwn.call(params, key)) params[key] = value; // URLSearchParams.get: first one wins
    }
    function param(name) { return hasOwn.call(params, name) ? trimSlashes(params[name]) : undefined; }
    function require() {
      for (var j = 0; j < arguments.length; j++) {
        if (!params[arguments[j]]) {
          throw new Error('Invalid repo URL passed to parseRepoUrl: ' + describe(url) + ', missing ' + arguments[j]);
        }
      }
    }
    var kind = hostKind(host);
    if (kind === 'bitbucket') {
      if (host === 'bitbucket.org' || host === 'www.bitbucket.org') require('workspace');
      require('project', 'repo');
    } else if (kind === 'azure') {
      require('project', 'repo');
    } else if (kind === 'gitlab') {
      if (!params.project) require('owner', 'repo');
    } else if (kind === 'gitea' || kind === 'gerrit') {
      require('repo');
    } else {
      require('repo', 'owner');
    }
    return {
      host: host,
      owner: param('owner'),
      repo: param('repo'),
      organization: param('organization'),
      workspace: param('workspace'),
      project: param('project'),
    };
  }

  // Same rules and messages as @backstage/catalog-model parseEntityRef.
  function parseEntityRef(ref, context) {
    if (!ref) throw new Error('Entity reference must not be empty');
    var defaultKind = context && context.defaultKind;
    var defaultNamespace = (context && context.defaultNamespace) || 'default';
    var kind, namespace, name;
    if (typeof ref === 'string') {
      var colon = ref.indexOf(':');
      var slash = ref.indexOf('/');
      if (slash !== -1 && slash < colon) colon = -1;
      var k = colon === -1 ? undefined : ref.slice(0, colon);
      var ns = slash === -1 ? undefined : ref.slice(colon + 1, slash);
      name = ref.slice(Math.max(colon + 1, slash + 1));
      if (k === '' || ns === '' || name === '') {
        throw new TypeError('Entity reference "' + ref + '" was not on the form [<kind>:][<namespace>/]<name>');
      }
      kind = k === undefined ? defaultKind : k;
      namespace = ns === undefined ? defaultNamespace : ns;
    } else if (typeof ref === 'object') {
      kind = ref.kind === undefined ? defaultKind : ref.kind;
      namespace = ref.namespace === undefined ? defaultNamespace : ref.namespace;
      name = ref.name;
    } else {
      throw new TypeError('Entity reference must be a string or an object, got ' + describe(ref));
    }
    if (!kind) {
      throw new Error('Entity reference ' + JSON.stringify(ref) + ' had missing or empty kind (e.g. did not start with "component:" or similar)');
    } else if (!namespace) {
      throw new Error('Entity reference ' + JSON.stringify(ref) + ' had missing or empty namespace');
    } else if (!name) {
      throw new Error('Entity reference ' + JSON.stringify(ref) + ' had missing or empty name');
    }
    return { kind: kind, namespace: namespace, name: name };
  }

  // lodash.get path syntax: a.b[0]["c.d"]; a path that is itself an own key is read directly.
  function toPath(path) {
    var keys = [], i = 0, current = '';
    while (i < path.length) {
      var ch = path.charAt(i);
      if (ch === '.') { keys.push(current === null ? '' : current); current = ''; i++; continue; }
      if (ch === '[') {
        if (current !== null && current !== '') keys.push(current);
        current = '';
        var close, quote = path.charAt(i + 1);
        if (quote === '"' || quote === "'") {
          close = path.indexOf(quote + ']', i + 2);
          if (close === -1) throw new Error('pick: unterminated quoted key in path ' + describe(path));
          keys.push(path.slice(i + 2, close).replace(/\\(.)/g, '$1'));
          i = close + 2;
        } else {
          close = path.indexOf(']', i);
          if (close === -1) throw new Error('pick: unterminated [ in path ' + describe(path));
          keys.push(path.slice(i + 1, close));
          i = close + 1;
        }
        if (path.charAt(i) === '.') i++;
        current = null;
        continue;
      }
      if (current === null) current = '';
      current += ch;
      i++;
    }
    if (current !== null) keys.push(current);
    return keys;
  }

  function pick(obj, path) {
    if (obj === null || obj === undefined) return undefined;
    if (typeof path === 'number') path = String(path);
    if (typeof path !== 'string') throw new TypeError('pick: expected a path string, got ' + describe(path));
    var keys = hasOwn.call(Object(obj), path) ? [path] : toPath(path);
    var cur = obj;
    for (var i = 0; i < keys.length; i++) {
      if (cur === null || cur === undefined) return undefined;
      if (!hasOwn.call(Object(cur), keys[i])) return undefined;
      cur = cur[keys[i]];
    }
    return cur;
  }

  function projectSlug(url) {
    var parsed = parseRepoUrl(url);
    return parsed.owner + '/' + parsed.repo;
  }

  return { parseRepoUrl: parseRepoUrl, parseEntityRef: parseEntityRef, pick: pick, projectSlug: projectSlug };
}
`;
