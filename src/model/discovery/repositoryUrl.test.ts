import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRepositoryUrl, type RepositoryUrl } from './repositoryUrl';

test('parseRepositoryUrl splits browser URLs into repository, ref and folder', () => {
  const cases: Array<[string, RepositoryUrl]> = [
    ['https://github.com/acme/shop', { repo: 'https://github.com/acme/shop', path: '' }],
    ['https://github.com/acme/shop.git', { repo: 'https://github.com/acme/shop.git', path: '' }],
    ['https://github.com/acme/shop/tree/main', { repo: 'https://github.com/acme/shop', ref: 'main', path: '' }],
    ['https://github.com/acme/shop/tree/main/services/api/', { repo: 'https://github.com/acme/shop', ref: 'main', path: 'services/api' }],
    ['https://www.github.com/acme/shop/tree/v1.2.0/apps/web?tab=readme#x', { repo: 'https://www.github.com/acme/shop', ref: 'v1.2.0', path: 'apps/web' }],
    ['https://github.com/acme/shop/blob/main/packages/ui/package.json', { repo: 'https://github.com/acme/shop', ref: 'main', path: 'packages/ui' }],
    ['https://github.com/acme/shop/blob/main/README.md', { repo: 'https://github.com/acme/shop', ref: 'main', path: '' }],
    ['https://github.com/acme/shop/tree/release%2F2.0/my%20app', { repo: 'https://github.com/acme/shop', ref: 'release/2.0', path: 'my app' }],
    ['https://gitlab.com/acme/platform/shop/-/tree/main/services/api', { repo: 'https://gitlab.com/acme/platform/shop', ref: 'main', path: 'services/api' }],
    ['https://gitlab.com/acme/platform/shop', { repo: 'https://gitlab.com/acme/platform/shop', path: '' }],
    ['https://git.example.com/acme/shop/-/blob/dev/go.mod', { repo: 'https://git.example.com/acme/shop', ref: 'dev', path: '' }],
    ['https://ghe.example.com/acme/shop/tree/main/sub', { repo: 'https://ghe.example.com/acme/shop', ref: 'main', path: 'sub' }],
    ['http://user:s3cret@127.0.0.1:8080/mono.git/tree/main/packages', { repo: 'http://user:s3cret@127.0.0.1:8080/mono.git', ref: 'main', path: 'packages' }],
    ['http://127.0.0.1:8080/mono.git', { repo: 'http://127.0.0.1:8080/mono.git', path: '' }],
    ['https://git.example.com/scm/shop', { repo: 'https://git.example.com/scm/shop', path: '' }],
    ['ssh://git@github.com/acme/shop.git', { repo: 'ssh://git@github.com/acme/shop.git', path: '' }],
  ];
  for (const [url, expected] of cases) assert.deepEqual(parseRepositoryUrl(url), expected, url);
});

test('parseRepositoryUrl says what is wrong with a malformed URL, without credentials', () => {
  const cases: Array<[string, RegExp]> = [
    ['not a url', /Expected a repository URL like https:\/\/github\.com\/<owner>\/<repo>\/tree\/<ref>\/<path>/],
    ['https://github.com/acme', /a GitHub URL needs an owner and a repository/],
    ['https://github.com/acme/shop/pulls/3', /expected \/tree\/<ref>\/<path> or \/blob\/<ref>\/<path> after the repository, but found \/pulls/],
    ['https://github.com/acme/shop/tree/', /\/tree\/ must be followed by a branch, tag or commit/],
    ['https://github.com/acme/shop/blob/main', /\/blob\/<ref>\/ must be followed by a file path/],
    ['https://github.com/acme/shop/tree/-x/a', /"-x" is not a valid branch, tag or commit name/],
    // `..` written plainly is resolved by the URL parser itself and cannot climb above the host.
    ['https://github.com/acme/shop/tree/main/a%2F..%2Fb', /may not contain "\.", "\.\." or encoded slashes/],
    ['https://github.com/acme/shop/tree/main/%E0%A4%A', /is not valid percent-encoding/],
    ['https://gitlab.com/acme/shop/-/merge_requests/1', /expected \/-\/tree\/<ref>\/<path> or \/-\/blob\/<ref>\/<path> after the project, but found \/-\/merge_requests/],
    ['http://u:hunter2@127.0.0.1:1/r.git/commits/main', /127\.0\.0\.1:1\/r\.git\/commits\/main: expected \/tree\/<ref>/],
  ];
  for (const [url, expected] of cases) {
    assert.throws(() => parseRepositoryUrl(url), (err: Error) => {
      assert.match(err.message, expected, url);
      assert.doesNotMatch(err.message, /hunter2/);
      return true;
    });
  }
});
