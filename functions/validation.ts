import type { Context } from 'hono'
import type * as z from 'zod'
import { BadRequestError, ValidationError } from './errors.js'

/** `events[3].occurredAt: Invalid ISO datetime` — the first problem, with the field named. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
        .join('')
      return path ? `${path}: ${issue.message}` : issue.message
    })
    .join('; ')
}

/** Parses a JSON body: 400 when it is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text()
  if (text.trim() === '') throw new BadRequestError('The request body is empty; send JSON')
  try {
    return JSON.parse(text)
  } catch {
    throw new BadRequestError('The request body is not valid JSON')
  }
}

/** Validates a value with a schema: 422 naming the field when it does not fit. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw new ValidationError(describeIssues(result.error))
  return result.data
}
