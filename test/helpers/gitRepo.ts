import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A throwaway git repository on disk, committed to with a fixed identity and no user or system config. */
export interface GitRepo {
  dir: string;
  git(...args: string[]): string;
  /** Writes (string) or deletes (null) files, then commits them on the current branch. */
  commit(message: string, files: Record<string, string | Buffer | null>): string;
}

const ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' };

export function createGitRepo(dir: string, branch = 'main'): GitRepo {
  mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=Paved Test', '-c', 'user.email=test@paved.invalid', ...args], { env: ENV, encoding: 'utf8' });
  git('init', '--quiet', `--initial-branch=${branch}`);
  return {
    dir,
    git,
    commit(message, files) {
      for (const [path, content] of Object.entries(files)) {
        const abs = join(dir, path);
        if (content === null) rmSync(abs);
        else {
          mkdirSync(dirname(abs), { recursive: true });
          writeFileSync(abs, content);
        }
      }
      git('add', '--all');
      git('commit', '--quiet', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
  };
}
