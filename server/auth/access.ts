import type { IncomingMessage } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ServerConfig } from '../config.ts';
import { boundAnalyses, type SessionStore } from '../store/session-store.ts';
import { tokensEqual } from '../store/ids.ts';
import { HttpError } from '../api/http-error.ts';
import { clientAddressOf } from './client-address.ts';
import { crossOriginWrite } from './cross-origin.ts';
import { GuessLimiter } from './guess-limiter.ts';
import { hostAllowed, serverHostNames } from './host-names.ts';
import { identify, type TokenDirectory } from './identify.ts';
import { tooManyWrongTokens, wrongToken } from './messages.ts';
import { OWNER, type Principal } from './principal.ts';

export interface AccessOptions {
  config: Pick<ServerConfig, 'auth' | 'host' | 'publicUrl' | 'allowedHosts' | 'allowedOrigins' | 'trustProxy'>;
  ownerToken: string;
  sessions: Pick<SessionStore, 'findByToken' | 'roleFor'>;
  limiter?: GuessLimiter;
}

/** A refusal of a request before any route (or WebSocket) sees it. */
export interface Refusal {
  status: 403 | 429;
  code: string;
  message: string;
  retryAfter?: number;
}

/**
 * The edge of access control: who a request is (tokens from `Authorization: Bearer`, `?token=`
 * and the owner cookie), the guess limiter, the Host and cross-origin checks, and the owner's
 * start-page link that turns into a cookie. Decisions are in permissions.ts; routes declare them
 * with guards.ts.
 */
export class Access {
  readonly limiter: GuessLimiter;
  private readonly directory: TokenDirectory;
  private names: { at: number; set: Set<string> } | null = null;
  private readonly open: boolean;

  constructor(private readonly options: AccessOptions) {
    this.limiter = options.limiter ?? new GuessLimiter();
    this.open = options.config.auth === 'off';
    this.directory = {
      isOwner: (token) => tokensEqual(token, options.ownerToken),
      session: (token) => {
        const hit = options.sessions.findByToken(token);
        if (!hit) return null;
        return { kind: 'session', sessionId: hit.record.id, role: hit.role, datasetId: hit.record.datasetId, analysisIds: boundAnalyses(hit.record) };
      },
    };
  }

  /** Host and cross-origin checks, for every request (pages, API, assets). */
  readonly guardRequest: MiddlewareHandler = async (c, next) => {
    c.set('clientAddress', clientAddressOf(socketOf(c)?.remoteAddress, c.req.header('x-forwarded-for'), this.options.config.trustProxy));
    const refusal = this.refuseRequest(c.req.method, c.req.header('host'), c.req.header('origin'), c.req.header('sec-fetch-site'));
    if (refusal) throw new HttpError(refusal.status, refusal.code, refusal.message);
    await next();
  };

  /** Puts the principal on the context for /api/*; wrong tokens are counted and answered 401 (429 past the bound). */
  readonly identifyRequest: MiddlewareHandler = async (c, next) => {
    if (this.open) {
      c.set('principal', OWNER);
      return next();
    }
    const cookieName = ownerCookieName(c);
    const fromCookie = getCookie(c, cookieName);
    const tokens = [bearer(c.req.header('authorization')), c.req.query('token'), fromCookie].filter((t): t is string => t !== undefined && t !== '');
    const address = clientAddress(c);
    const wait = tokens.length > 0 ? this.limiter.retryAfter(address) : 0;
    if (wait > 0) return tooMany(c, wait);
    const { principal, wrong } = identify(tokens, this.directory);
    for (let i = 0; i < wrong; i++) this.limiter.wrong(address);
    if (fromCookie !== undefined && !this.directory.isOwner(fromCookie)) {
      // A cookie from an earlier owner token (OWNER_TOKEN changed): drop it so it is counted once.
      deleteCookie(c, cookieName, { path: '/' });
    }
    if (principal.kind === 'none' && wrong > 0) throw wrongToken();
    c.set('principal', principal);
    await next();
  };

  /**
   * GET /?token=<owner token>: the startup link. The token moves into an HttpOnly, SameSite=Strict
   * cookie and the browser is sent to / so the address bar (and history) no longer shows it.
   */
  readonly ownerLink: MiddlewareHandler = async (c, next) => {
    const token = c.req.query('token');
    if (token === undefined) return next();
    if (!this.open) {
      const address = clientAddress(c);
      const wait = this.limiter.retryAfter(address);
      if (wait > 0) return tooMany(c, wait);
      if (this.directory.isOwner(token)) {
        setCookie(c, ownerCookieName(c), token, {
          path: '/',
          httpOnly: true,
          sameSite: 'Strict',
          // Behind a TLS proxy the request reaches us over http; the proxy says what the browser used.
          secure: new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https',
          maxAge: 400 * 24 * 3600,
        });
      } else this.limiter.wrong(address);
    }
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.redirect('/', 303);
  };

  /** For the WebSocket upgrade: the same Host, origin and guess checks as HTTP (null = go on). */
  refuseUpgrade(req: IncomingMessage): Refusal | null {
    const refusal = this.refuseRequest('GET', req.headers.host, undefined, undefined);
    if (refusal) return refusal;
    const wait = this.open ? 0 : this.limiter.retryAfter(this.upgradeAddress(req));
    return wait > 0 ? { status: 429, code: 'too_many_wrong_tokens', message: tooManyWrongTokens(wait).message, retryAfter: wait } : null;
  }

  /** The WebSocket's token check (a session's edit or view token); a wrong one counts as a guess. */
  authorizeUpgrade(sessionId: string, token: string | null, req: IncomingMessage | undefined): 'edit' | 'view' | null {
    const role = this.options.sessions.roleFor(sessionId, token);
    if (role === null && token !== null && !this.open) this.limiter.wrong(req ? this.upgradeAddress(req) : 'unknown');
    return role;
  }

  private upgradeAddress(req: IncomingMessage): string {
    return clientAddressOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], this.options.config.trustProxy);
  }

  private refuseRequest(method: string, host: string | undefined, origin: string | undefined, secFetchSite: string | undefined): Refusal | null {
    if (!hostAllowed(host, this.hostNames())) {
      return { status: 403, code: 'forbidden_host', message: `This server does not answer to the host "${host}". Open it by its own address, or add the name to ALLOWED_HOSTS.` };
    }
    const trusted = [...this.options.config.allowedOrigins, ...(this.options.config.publicUrl ? [this.options.config.publicUrl] : [])];
    if (crossOriginWrite({ method, origin, secFetchSite, host }, trusted)) {
      return { status: 403, code: 'forbidden_origin', message: 'Changes are only accepted from this server\'s own pages (or an origin listed in ALLOWED_ORIGINS).' };
    }
    return null;
  }

  /** This machine's names and addresses, read again every few seconds (a laptop changes networks). */
  private hostNames(): Set<string> {
    const now = performance.now();
    if (!this.names || now - this.names.at > 5000) {
      const { host, publicUrl, allowedHosts } = this.options.config;
      this.names = { at: now, set: serverHostNames({ host, publicUrl, extra: allowedHosts, hostname: hostname(), interfaces: networkInterfaces() }) };
    }
    return this.names.set;
  }
}

function tooMany(c: Context, retryAfter: number): Response {
  const error = tooManyWrongTokens(retryAfter);
  c.header('retry-after', String(retryAfter));
  return c.json({ error: { code: error.code, message: error.message } }, 429);
}

/** The principal of a request that went through identifyRequest. */
export function principalOf(c: Context): Principal {
  return c.get('principal') ?? { kind: 'none' };
}

function bearer(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function socketOf(c: Context): IncomingMessage['socket'] | undefined {
  return (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket;
}

function clientAddress(c: Context): string {
  return c.get('clientAddress') ?? clientAddressOf(socketOf(c)?.remoteAddress, undefined, false);
}

/**
 * Cookies ignore ports: two servers on localhost would overwrite each other's cookie, so its
 * name carries the port the server listens on.
 */
function ownerCookieName(c: Context): string {
  const port = socketOf(c)?.localPort;
  return port === undefined ? 'mirage_owner' : `mirage_owner_${port}`;
}
