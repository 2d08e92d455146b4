// Who is using the UI: a token kept in localStorage, resolved by /api/auth/whoami. Actions the
// actor lacks are hidden; when the server has no whoami route (a stock Backstage catalog) the UI
// shows actions and lets the server decide.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { readToken, writeToken } from '../api/client';
import { whoami } from '../api/catalog';
import type { WhoAmI } from '../api/types';

export type AuthState = {
  token: string | null;
  me: WhoAmI | undefined;
  /** whoami failed: identity unknown (e.g. not a Paved server, or the token was rejected). */
  unknown: boolean;
  error: Error | null;
  can(permission: string): boolean;
  signIn(token: string): void;
  signOut(): void;
};

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => readToken());
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['whoami', token],
    queryFn: ({ signal }) => whoami(signal),
    retry: false,
    staleTime: 60_000,
  });

  const update = useCallback(
    (next: string | null) => {
      writeToken(next);
      setToken(next);
      // Everything cached was read as the previous actor.
      void client.invalidateQueries();
    },
    [client],
  );

  const value = useMemo<AuthState>(() => {
    const me = query.data;
    return {
      token,
      me,
      unknown: query.isError,
      error: query.error,
      can: (p) => (me ? me.permissions.includes(p) : query.isError),
      signIn: (t) => update(t.trim() || null),
      signOut: () => update(null),
    };
  }, [token, query.data, query.isError, query.error, update]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}
