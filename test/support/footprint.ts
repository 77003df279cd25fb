import { dynamo } from '../../functions/store/clients.js'

type Attribute = { S?: string } | string | undefined
type WriteInput = {
  Item?: { pk?: Attribute }
  Key?: { pk?: Attribute }
  RequestItems?: Record<
    string,
    { PutRequest?: { Item: { pk?: Attribute } }; DeleteRequest?: { Key: { pk?: Attribute } } }[]
  >
}

const pkOf = (a: Attribute) => (typeof a === 'string' ? a : a?.S)
const WRITES = /^(Put|Update|Delete|BatchWrite)/

/**
 * Records the partition key of every write this process sends to the table, on the real client's way out
 * (nothing is changed or faked): what an IAM policy with `dynamodb:LeadingKeys` must allow.
 */
export function recordWrites(name: string): { written: string[]; stop(): void } {
  const written: string[] = []
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      if (WRITES.test(context.commandName ?? '')) {
        const input = args.input as WriteInput
        for (const pk of [input.Item?.pk, input.Key?.pk]) if (pkOf(pk)) written.push(pkOf(pk) as string)
        for (const requests of Object.values(input.RequestItems ?? {})) {
          for (const r of requests) written.push(pkOf(r.PutRequest?.Item.pk ?? r.DeleteRequest?.Key.pk) ?? '')
        }
      }
      return next(args)
    },
    { step: 'initialize', name },
  )
  return { written, stop: () => dynamo().middlewareStack.remove(name) }
}

/** The written partitions no pattern allows (`*` as a wildcard, as in IAM). */
export function outside(written: readonly string[], allowed: readonly string[]): string[] {
  const patterns = allowed.map((p) => new RegExp(`^${p.split('*').map(escapeRegExp).join('.*')}$`))
  return [...new Set(written)].filter((pk) => !patterns.some((re) => re.test(pk)))
}

/** The patterns no written partition matches: a policy wider than what the code does. */
export function unused(written: readonly string[], allowed: readonly string[]): string[] {
  return allowed.filter((p) => outside(written, [p]).length === new Set(written).size)
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
