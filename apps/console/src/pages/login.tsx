import { Alert, Button, Form, Input, Typography } from 'antd';
import { ReactNode, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, Me, setToken } from '../api';
import { t } from '../i18n/zh-CN';
import { useSession } from '../session';

export function LoginPage(): ReactNode {
  const { setMe } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);

  async function submit(values: { username: string; password: string }): Promise<void> {
    setError(null);
    try {
      const { accessToken } = await api<{ accessToken: string }>('POST', '/auth/login', values);
      setToken(accessToken);
      const me = await api<Me>('GET', '/auth/me');
      setMe(me);
      void navigate('/'); // the index route picks the landing page by role (pages/dashboard.tsx Landing)
    } catch (err) {
      setError(`${t.login.failed}：${(err as Error).message}`);
    }
  }

  return (
    <div className="login">
      <Typography.Title level={1}>{t.appTitle}</Typography.Title>
      <Form layout="vertical" onFinish={(v: { username: string; password: string }) => void submit(v)} aria-label={t.login.title} requiredMark={false}>
        <Form.Item label={t.login.username} name="username" rules={[{ required: true, message: t.login.usernameRequired }]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label={t.login.password} name="password" rules={[{ required: true, message: t.login.passwordRequired }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {error && <Alert type="error" role="alert" className="error" title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" block>
          {t.login.submit}
        </Button>
      </Form>
    </div>
  );
}
