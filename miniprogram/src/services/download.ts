// Files the server makes for staff (a sticker's PNG, the A4 sticker sheet) need the login token, so
// they cannot be plain links: the mini-program downloads them with the token and opens them; the H5
// page fetches them and hands the browser a local copy. The month's Excel export comes by a link
// signed for its exporter instead (openSignedDocument): no token, a plain link in H5.
import Taro from '@tarojs/taro';
import { ApiError, NETWORK_MESSAGE, getToken } from './request';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** A PNG as something an <Image> can show (H5: an object URL; weapp: a temporary file). */
export async function fetchImage(path: string): Promise<string> {
  if (isWeapp) return download(path);
  const response = await fetch(`${API_BASE}${path}`, { headers: { Authorization: `Bearer ${getToken() ?? ''}` } }).catch(() => null);
  if (!response?.ok) throw new ApiError(response?.status ?? 0, 'NETWORK', NETWORK_MESSAGE);
  return URL.createObjectURL(await response.blob());
}

/** Opens a document (PDF, Excel) for reading, printing or sending on. */
export async function openDocument(path: string, fileName: string, fileType: 'pdf' | 'xlsx'): Promise<void> {
  if (isWeapp) {
    await Taro.openDocument({ filePath: await download(path), fileType, showMenu: true });
    return;
  }
  const url = await fetchImage(path);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
}

/** A document behind a signed link (the month's Excel export): weapp downloads and opens it, H5 follows the link. */
export async function openSignedDocument(url: string, fileName: string, fileType: 'pdf' | 'xlsx'): Promise<void> {
  if (isWeapp) {
    await Taro.openDocument({ filePath: await download(url, false), fileType, showMenu: true });
    return;
  }
  const link = document.createElement('a');
  link.href = `${API_BASE}${url}`;
  link.download = fileName;
  link.click();
}

async function download(path: string, withToken = true): Promise<string> {
  const header = withToken ? { Authorization: `Bearer ${getToken() ?? ''}` } : {};
  const result = await Taro.downloadFile({ url: `${API_BASE}${path}`, header }).catch(() => null);
  if (!result || result.statusCode !== 200) throw new ApiError(result?.statusCode ?? 0, 'NETWORK', NETWORK_MESSAGE);
  return result.tempFilePath;
}
