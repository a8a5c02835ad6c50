// The month's Excel file for the mine's leadership, made as a job on the server: tap 导出表格, watch
// how many appeals are written, then open it (WeChat: downloaded and opened in the document viewer;
// H5: a link). Leaving the page is fine — tapping 导出表格 again picks up the export still running.
import { Button, Progress, View } from '@tarojs/components';
import { formatLocal, type ReportExportView } from '@minqing/shared';
import { useEffect, useState } from 'react';
import { getReportExport, startReportExport } from '@/services/api';
import { openSignedDocument } from '@/services/download';
import type { ApiError } from '@/services/request';

const isWeapp = process.env.TARO_ENV === 'weapp';
/** How often a running export is looked at. */
const POLL_MS = 1500;

export default function ExportCard({ month }: { month: string }) {
  const [job, setJob] = useState<ReportExportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setJob(null);
    setError(null);
  }, [month]);

  useEffect(() => {
    if (job?.state !== 'running') return undefined;
    const timer = setTimeout(() => {
      getReportExport(job.id).then(setJob, (e: ApiError) => setError(`${e.message}。进度暂时看不到,请稍后再点“导出表格”查看`));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setJob(await startReportExport(month));
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  /** The link lasts minutes: a fresh one is asked for each time the file is opened. */
  const open = async () => {
    if (!job) return;
    setBusy(true);
    setError(null);
    try {
      const fresh = await getReportExport(job.id);
      setJob(fresh);
      if (fresh.downloadUrl) await openSignedDocument(fresh.downloadUrl, fresh.fileName, 'xlsx');
    } catch (e) {
      setError(`${(e as ApiError).message}。文件没有打开,请再点一次“${isWeapp ? '打开文件' : '下载文件'}”,仍不行请点“重新导出”`);
    } finally {
      setBusy(false);
    }
  };

  const percent = job && job.rowsTotal ? Math.min(100, Math.round((100 * job.rowsDone) / job.rowsTotal)) : 0;
  return (
    <View className='mq-card' id='report-export'>
      <View className='mq-item-serial'>导出表格</View>
      <View className='mq-hint'>全部诉求及办理过程、按部门和类别的比率、领导摘要,可转发或打印</View>
      {job?.state === 'running' && (
        <View id='export-progress'>
          <View className='mq-hint'>
            正在生成:已写入 {job.rowsDone} / {job.rowsTotal} 件
          </View>
          <Progress percent={percent} strokeWidth={4} activeColor='#0d47a1' />
          <View className='mq-hint'>诉求多时需要几分钟,可以先离开本页,回来后再点“导出表格”查看进度</View>
        </View>
      )}
      {job?.state === 'done' && (
        <View id='export-done'>
          <View className='mq-hint'>
            已生成 {job.rowsDone} 件{job.expiresAt ? `,${formatLocal(job.expiresAt)} 前可以下载` : ''}
          </View>
          <Button id='open-export' className='mq-button' disabled={busy} onClick={() => void open()}>
            {isWeapp ? '打开文件' : '下载文件'}
          </Button>
        </View>
      )}
      {job?.error && (
        <View className='mq-error' id='export-failed'>
          {job.error.message}
        </View>
      )}
      {error && <View className='mq-error'>{error}</View>}
      {job?.state !== 'running' && (
        <Button id='start-export' className={`mq-button${job ? ' mq-button--ghost' : ''}`} disabled={busy} onClick={() => void start()}>
          {job ? '重新导出' : '导出表格'}
        </Button>
      )}
    </View>
  );
}
