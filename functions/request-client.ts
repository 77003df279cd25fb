import type { Context } from 'hono'

interface RuntimeEnv {
  /** API Gateway (hono/aws-lambda): the caller's address as the gateway saw it. */
  requestContext?: { http?: { sourceIp?: string } }
  /** @hono/node-server: the incoming Node request. */
  incoming?: { socket?: { remoteAddress?: string } }
}

/** The caller's address and user agent; the address is used for hashing only and never stored. */
export function requestClient(c: Context): { ip: string; userAgent: string } {
  const env = (c.env ?? {}) as RuntimeEnv
  const ip = env.requestContext?.http?.sourceIp ?? env.incoming?.socket?.remoteAddress ?? ''
  return { ip, userAgent: c.req.header('user-agent') ?? '' }
}
