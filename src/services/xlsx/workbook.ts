import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export const MONEY_FORMAT = '#,##0.00';
export const DATE_TIME_FORMAT = 'dd.mm.yyyy hh:mm';
export const INTEGER_FORMAT = '0';
/** fewer round trips than the driver's default of 101 documents a batch */
export const CURSOR_BATCH = 1_000;

/**
 * exceljs's streaming writer into one Buffer: rows are flushed as they are committed, so only
 * the compressed file is held, and the Buffer can be re-sent whole if Telegram needs a retry.
 */
export async function writeStreamedWorkbook(
  fill: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>,
): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
  });
  await fill(workbook);
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

export const kopToMoney = (kop: number) => Math.round(kop) / 100;
