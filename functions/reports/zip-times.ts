const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/** An MS-DOS date and time (the zip format's), read as UTC. */
function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  }
}

/**
 * Sets every entry's modification time in a zip (an xlsx) to `date`, in both the local and the central
 * headers: the zip library stamps entries with the time of writing, which would make every generation's
 * bytes differ. Throws on anything that is not a plain zip.
 */
export function setZipEntryTimes(zip: Buffer, date: Date): Buffer {
  const out = Buffer.from(zip)
  let eocd = -1
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--) {
    if (out.readUInt32LE(i) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory')
  const entries = out.readUInt16LE(eocd + 10)
  let at = out.readUInt32LE(eocd + 16)
  const stamp = dosDateTime(date)
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(at) !== CENTRAL) throw new Error('not a zip file: bad central directory entry')
    out.writeUInt16LE(stamp.time, at + 12)
    out.writeUInt16LE(stamp.date, at + 14)
    const local = out.readUInt32LE(at + 42)
    if (out.readUInt32LE(local) !== LOCAL) throw new Error('not a zip file: bad local header')
    out.writeUInt16LE(stamp.time, local + 10)
    out.writeUInt16LE(stamp.date, local + 12)
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32)
  }
  return out
}
