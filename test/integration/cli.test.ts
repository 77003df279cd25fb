import { describe, expect, it, vi } from 'vitest'
import { runCli } from '../../functions/cli/main.js'
import { getAwardProgramme } from '../../functions/store/award-programmes.js'
import { listRuns } from '../../functions/store/runs.js'

function capture() {
  const out: string[] = []
  vi.spyOn(console, 'log').mockImplementation((m) => void out.push(String(m)))
  vi.spyOn(console, 'error').mockImplementation((m) => void out.push(String(m)))
  return out
}

describe('npm run cli', () => {
  it('exits 2 with the usage for an unknown command', async () => {
    const out = capture()
    expect(await runCli(['no-such-command'])).toBe(2)
    expect(out.join('\n')).toContain('Unknown command "no-such-command"')
    expect(out.join('\n')).toContain('recompute --month YYYY-MM')
  })

  it.each([
    [['recompute'], '--month'],
    [['recompute', '--month', '2022-13'], '--month'],
    [['recompute', '--month'], 'argument missing'],
    [['recompute', '--weird'], "Unknown option '--weird'"],
    [['report'], '--month must be YYYY-MM'],
    [['report', '--month', '2022-1'], '--month must be YYYY-MM'],
    [['report', '--month', '2999-01'], 'month 2999-01 is in the future'],
    [['monthly', '--month', '2022-13'], '--month must be YYYY-MM'],
    [['recount-fy', '--fy', '25x'], '--fy must be a Buddhist Era fiscal year'],
    [['recount-fy', '--fy', '2599', '--rules', 'counting-v1'], '--fy 2599 is in the future'],
    [['recount-fy', '--fy', '2566', '--rules', 'v3'], '--rules must be one of'],
    [['monthly', '--month', '2022-11', '--steps', 'report,publish'], '--steps must be some of'],
  ])('exits 2 for %j naming the problem', async (argv, words) => {
    const out = capture()
    expect(await runCli(argv)).toBe(2)
    expect(out.join('\n')).toContain(words)
  })

  it('recomputes a month against the configured store', async () => {
    const out = capture()
    expect(await runCli(['recompute', '--month', '2022-11'])).toBe(0)
    expect(out.join('\n')).toContain('2022-11: 0 downloads')
  })

  it("generates a month's report, then finds it unchanged", async () => {
    const out = capture()
    expect(await runCli(['report', '--month', '2022-09'])).toBe(0)
    expect(out.join('\n')).toContain('2022-09: stored version 1')
    expect(await runCli(['report', '--month', '2022-09'])).toBe(0)
    expect(out.join('\n')).toContain('2022-09: unchanged since version 1; nothing written')
  })

  it('recounts a fiscal year under a counting rules version, audited', async () => {
    const out = capture()
    expect(await runCli(['recount-fy', '--fy', '2566', '--rules', 'counting-v2'])).toBe(0)
    expect(out.join('\n')).toContain('FY 2566: 12 months recounted under counting-v2')
    expect((await getAwardProgramme(2566))?.programme.countingRules).toBe('counting-v2')
  })

  it('runs the monthly pipeline by hand, recorded in the run history', async () => {
    const out = capture()
    expect(await runCli(['monthly', '--month', '2022-08', '--steps', 'recount,report'])).toBe(0)
    expect(out.join('\n')).toMatch(/2022-08: recount succeeded, report succeeded \(run [0-9a-f-]{36}\)/)
    const [run] = await listRuns(1)
    expect(run).toMatchObject({ kind: 'monthly', month: '2022-08', trigger: 'cli', status: 'succeeded' })
  })
})
