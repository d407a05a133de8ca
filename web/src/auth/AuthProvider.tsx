import { ApolloProvider } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createJalinClient, type AuthLostReason, type JalinClient } from '../data/apollo';
import { apiUrl } from '../data/api';
import { loadSession, saveSession, setSignOutReason, type Session } from './session';

interface AuthState {
  session: Session | null;
  client: JalinClient | null;
  signIn(email: string, password: string): Promise<void>;
  signOut(reason?: AuthLostReason): void;
}

const AuthContext = createContext<AuthState | null>(null);

const LOGIN = `mutation SignIn($email: String!, $password: String!) {
  login(email: $email, password: $password) { token user { id name email role opd { id code name } } }
}`;

/** A refused sign-in, with the server's code (UNAUTHENTICATED: wrong email or password). */
export class SignInError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());

  const signOut = useCallback((reason?: AuthLostReason) => {
    saveSession(null);
    setSignOutReason(reason ?? null);
    setSession(null);
  }, []);

  // One API client per token: a new sign-in gets a fresh cache and WebSocket.
  const client = useMemo(() => (session ? createJalinClient(session.token, (reason) => signOut(reason)) : null), [session, signOut]);
  useEffect(() => () => client?.dispose(), [client]);

  const signIn = useCallback(async (email: string, password: string) => {
    const response = await fetch(apiUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { email, password } }),
    });
    const body = (await response.json()) as { data?: { login: Session }; errors?: { message: string; extensions?: { code?: string } }[] };
    if (!body.data?.login) throw new SignInError(body.errors?.[0]?.message ?? 'Sign-in failed', body.errors?.[0]?.extensions?.code);
    saveSession(body.data.login);
    setSignOutReason(null);
    setSession(body.data.login);
  }, []);

  const value = useMemo(() => ({ session, client, signIn, signOut }), [session, client, signIn, signOut]);
  return (
    <AuthContext.Provider value={value}>
      {client ? <ApolloProvider client={client.apollo}>{children}</ApolloProvider> : children}
    </AuthContext.Provider>
  );
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The session and client of a page behind RequireAuth (always signed in there). */
export function useSession(): { session: Session; client: JalinClient; signOut: AuthState['signOut'] } {
  const { session, client, signOut } = useAuth();
  if (!session || !client) throw new Error('useSession outside RequireAuth');
  return { session, client, signOut };
}
