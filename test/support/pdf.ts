import jsQR from 'jsqr'
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs'

const open = (pdf: Uint8Array) =>
  getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, isOffscreenCanvasSupported: false })
    .promise

/** The text of every page of a PDF as pdf.js extracts it (what a reader copies), runs of spaces as one. */
export async function pdfText(pdf: Uint8Array): Promise<string[]> {
  const document = await open(pdf)
  const pages: string[] = []
  for (let p = 1; p <= document.numPages; p++) {
    const content = await (await document.getPage(p)).getTextContent()
    pages.push(
      content.items
        .map((i) => ('str' in i ? i.str : ''))
        .join('')
        .replace(/\s+/g, ' '),
    )
  }
  await document.destroy()
  return pages
}

interface DecodedImage {
  width: number
  height: number
  data: Uint8ClampedArray | Uint8Array
  kind?: number
}

/** RGBA pixels of an image pdf.js decoded (grey, RGB or RGBA). */
function rgba(image: DecodedImage): Uint8ClampedArray {
  const pixels = image.width * image.height
  const channels = image.data.length / pixels
  if (channels === 4) return new Uint8ClampedArray(image.data)
  const out = new Uint8ClampedArray(pixels * 4)
  for (let i = 0; i < pixels; i++) {
    if (channels === 3) {
      out[i * 4] = image.data[i * 3] as number
      out[i * 4 + 1] = image.data[i * 3 + 1] as number
      out[i * 4 + 2] = image.data[i * 3 + 2] as number
    } else if (channels === 1) {
      out[i * 4] = out[i * 4 + 1] = out[i * 4 + 2] = image.data[i] as number
    } else {
      // 1 bit per pixel, rows padded to whole bytes.
      const rowBytes = Math.ceil(image.width / 8)
      const x = i % image.width
      const y = Math.floor(i / image.width)
      const bit = ((image.data[y * rowBytes + (x >> 3)] as number) >> (7 - (x & 7))) & 1
      out[i * 4] = out[i * 4 + 1] = out[i * 4 + 2] = bit ? 255 : 0
    }
    out[i * 4 + 3] = 255
  }
  return out
}

/** Every QR code in the images of a PDF's first page, decoded (the text it carries). */
export async function qrCodesInPdf(pdf: Uint8Array): Promise<string[]> {
  const document = await open(pdf)
  const page = await document.getPage(1)
  const ops = await page.getOperatorList()
  const found: string[] = []
  for (let i = 0; i < ops.fnArray.length; i++) {
    if (ops.fnArray[i] !== OPS.paintImageXObject) continue
    const name = ops.argsArray[i]?.[0] as string
    const image = await new Promise<DecodedImage>((resolve) => page.objs.get(name, resolve))
    const decoded = jsQR(rgba(image), image.width, image.height)
    if (decoded) found.push(decoded.data)
  }
  await document.destroy()
  return found
}
