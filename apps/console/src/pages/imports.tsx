import { Button, Card, Checkbox, Descriptions, Form, List, Progress, Select, Table, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { ReactNode, useEffect, useState } from 'react';
import { api, openAuthenticated } from '../api';
import { enumOptions, ErrorBox, label } from '../components/common';
import { t } from '../i18n/zh-CN';

interface ImportError {
  row: number;
  column: string;
  code: string;
  message: string;
}
interface ImportView {
  id: number;
  dataset: string;
  status: string;
  rowsTotal: number;
  rowsProcessed?: number;
  rowsAccepted: number;
  rowsRejected: number;
  warnings: unknown[];
  errors: ImportError[];
}
const FINAL = ['succeeded', 'succeeded_with_errors', 'failed'];

export function ImportsPage(): ReactNode {
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [current, setCurrent] = useState<ImportView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!current || FINAL.includes(current.status)) return;
    const timer = setTimeout(() => {
      api<ImportView>('GET', `/imports/${current.id}`).then(setCurrent, (e: Error) => setError(e.message));
    }, 500);
    return () => clearTimeout(timer);
  }, [current]);

  async function upload(v: { dataset: string; atomic?: boolean }): Promise<void> {
    const file = files[0]?.originFileObj;
    if (!file) return;
    setError(null);
    const form = new FormData();
    form.append('file', file);
    try {
      const { id } = await api<{ id: number }>('POST', `/imports/${v.dataset}${v.atomic ? '?atomic=true' : ''}`, form);
      setCurrent(await api<ImportView>('GET', `/imports/${id}`));
    } catch (err) {
      setError((err as Error).message);
    }
  }

  const done = current && FINAL.includes(current.status);
  const processed = current ? (done ? current.rowsTotal : (current.rowsProcessed ?? 0)) : 0;
  const percent = current ? (done ? 100 : Math.floor((processed * 100) / Math.max(current.rowsTotal, processed, 1))) : 0;
  return (
    <section aria-label={t.imports.title}>
      <Typography.Title level={2}>{t.imports.title}</Typography.Title>
      <Card size="small" className="page-toolbar">
        <Form layout="vertical" style={{ maxWidth: 560 }} initialValues={{ dataset: 'projects', atomic: false }} onFinish={(v: { dataset: string; atomic?: boolean }) => void upload(v)}>
          <Form.Item label={t.imports.dataset} name="dataset" rules={[{ required: true, message: t.imports.datasetRequired }]}>
            <Select options={enumOptions(t.datasets)} />
          </Form.Item>
          <Form.Item label={t.imports.file} required rules={[{ validator: () => (files.length ? Promise.resolve() : Promise.reject(new Error(t.imports.fileRequired))) }]} name="file">
            <Upload accept=".csv,.xlsx,.json" maxCount={1} fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList.slice(-1))}>
              <Button>{t.imports.choose}</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="atomic" valuePropName="checked">
            <Checkbox>{t.imports.atomic}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t.imports.upload}
          </Button>
        </Form>
      </Card>
      <ErrorBox error={error} />
      {current && (
        <Card className="import-result" data-status={current.status} size="small" title={`${t.imports.result}：${label(t.datasets, current.dataset)}`}>
          <div>
            {t.imports.progress}（{label(t.importStatus, current.status)}）
          </div>
          <Progress percent={percent} status={current.status === 'failed' ? 'exception' : done ? 'success' : 'active'} />
          <progress hidden value={processed} max={done ? Math.max(current.rowsTotal, 1) : Math.max(current.rowsTotal, processed, 1)} />
          <Descriptions
            size="small"
            bordered
            column={3}
            items={[
              { key: 'total', label: t.imports.total, children: current.rowsTotal },
              { key: 'ok', label: t.imports.accepted, children: <strong className="accepted">{current.rowsAccepted}</strong> },
              { key: 'bad', label: t.imports.rejected, children: <strong className="rejected">{current.rowsRejected}</strong> },
            ]}
          />
          {current.warnings.length > 0 && (
            <List size="small" header={<strong>{t.imports.warnings}</strong>} dataSource={current.warnings} renderItem={(w) => <List.Item>{typeof w === 'string' ? w : JSON.stringify(w)}</List.Item>} />
          )}
          {current.errors.length > 0 && (
            <>
              <Table<ImportError>
                className="import-errors"
                style={{ marginTop: 12 }}
                title={() => <strong>{t.imports.errors}</strong>}
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
                dataSource={current.errors}
                pagination={{ pageSize: 20 }}
                columns={[
                  { key: 'row', title: t.imports.row, dataIndex: 'row', sorter: (a, b) => a.row - b.row },
                  { key: 'col', title: t.imports.column, render: (_, e) => (e.column ? (t.columns[e.column] ?? t.evidence.unknownField) : t.imports.wholeRow) },
                  { key: 'code', title: t.imports.message, render: (_, e) => <span title={e.message}>{t.importErrors[e.code] ?? t.imports.otherError}</span> },
                ]}
              />
              <Button onClick={() => void openAuthenticated(`/imports/${current.id}/errors.csv`, `import-${current.id}-errors.csv`)}>{t.imports.downloadErrors}</Button>
            </>
          )}
        </Card>
      )}
    </section>
  );
}
