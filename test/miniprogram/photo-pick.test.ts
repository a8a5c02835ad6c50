// The form's answer when picking photos failed, for the failures WeChat documents: a refused privacy
// authorisation, a cancel, anything else. The appeal stays possible without photos in each. And what is refused
// before a byte goes out: a file that is no photo, a photo still over the server's limit.
import { UPLOAD_MAX_BYTES } from '@minqing/shared';
import { fitWithin, photoFileProblem, photoPickProblem, worthCompressing } from '../../miniprogram/src/utils/photo-pick.js';

describe('a failed photo pick', () => {
  it('says the worker refused the privacy guide, and that the appeal goes without photos', () => {
    expect(photoPickProblem({ errMsg: 'chooseMedia:fail privacy permission is not authorized' })).toBe('您没有同意隐私保护指引,不能添加照片;不加照片也可以提交诉求');
  });
  it('says nothing when the worker cancelled', () => {
    expect(photoPickProblem({ errMsg: 'chooseMedia:fail cancel' })).toBeNull();
  });
  it('names the permissions for any other failure', () => {
    expect(photoPickProblem({ errMsg: 'chooseMedia:fail auth deny' })).toBe('没能打开相册或相机(请检查微信的相册、相机权限);不加照片也可以提交诉求');
    expect(photoPickProblem(new Error('boom'))).toBe('没能打开相册或相机(请检查微信的相册、相机权限);不加照片也可以提交诉求');
  });
});

describe('a picked file, before it is sent', () => {
  it('says a file that is not a photo is not one, by its type or, without one, by its name', () => {
    const message = '这个文件不是照片,只能上传照片(JPG、PNG、WebP 格式)';
    expect(photoFileProblem({ size: 2000, type: 'application/pdf', name: '工资条.pdf' })).toBe(message);
    expect(photoFileProblem({ size: 2000, type: 'text/plain', name: 'photo.jpg' })).toBe(message);
    expect(photoFileProblem({ size: 2000, name: 'notes.txt' })).toBe(message);
    expect(photoFileProblem({ size: 2000, type: 'image/heic', name: 'IMG_0001.HEIC' })).toBe(message);
  });
  it('takes JPG, PNG and WebP up to the server’s limit, and a WeChat temporary file that names no type', () => {
    expect(photoFileProblem({ size: UPLOAD_MAX_BYTES, type: 'image/jpeg', name: 'a.jpg' })).toBeNull();
    expect(photoFileProblem({ size: 1000, type: 'image/png' })).toBeNull();
    expect(photoFileProblem({ size: 1000, type: 'image/webp' })).toBeNull();
    expect(photoFileProblem({ size: 1000, name: 'http://tmp/abc.jpeg' })).toBeNull();
    expect(photoFileProblem({ size: 1000 })).toBeNull();
  });
  it('refuses a photo still over 5 MB, saying how big it is', () => {
    expect(UPLOAD_MAX_BYTES).toBe(5 * 1024 * 1024);
    expect(photoFileProblem({ size: 12.4 * 1024 * 1024, type: 'image/jpeg' })).toBe('这张照片有 12.4 MB,压缩后仍超过 5 MB,请换一张或截图后再传');
    expect(photoFileProblem({ size: UPLOAD_MAX_BYTES + 1 })).toContain('压缩后仍超过 5 MB');
  });
  it('re-encodes large photos to a long edge of 2048 px, never enlarging a small one', () => {
    expect(worthCompressing(3 * 1024 * 1024, 1600)).toBe(true);
    expect(worthCompressing(400 * 1024, 4000)).toBe(true);
    expect(worthCompressing(400 * 1024, 1600)).toBe(false);
    expect(fitWithin(4032, 3024, 2048)).toEqual({ width: 2048, height: 1536 });
    expect(fitWithin(3024, 4032, 2048)).toEqual({ width: 1536, height: 2048 });
    expect(fitWithin(640, 480, 2048)).toEqual({ width: 640, height: 480 });
  });
});
