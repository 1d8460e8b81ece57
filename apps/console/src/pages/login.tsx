import { FormEvent, ReactNode, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, Me, setToken } from '../api';
import { t } from '../i18n/zh-CN';
import { useSession } from '../session';

export function LoginPage(): ReactNode {
  const { setMe } = useSession();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setError(null);
    try {
      const { accessToken } = await api<{ accessToken: string }>('POST', '/auth/login', { username, password });
      setToken(accessToken);
      const me = await api<Me>('GET', '/auth/me');
      setMe(me);
      void navigate(me.role === 'bureau_officer' ? '/notices' : me.role === 'submitter' ? '/imports' : '/alerts');
    } catch (err) {
      setError(`${t.login.failed}：${(err as Error).message}`);
    }
  }

  return (
    <form className="login" onSubmit={submit} aria-label={t.login.title}>
      <h1>{t.appTitle}</h1>
      <label>
        {t.login.username}
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
      </label>
      <label>
        {t.login.password}
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <button type="submit">{t.login.submit}</button>
    </form>
  );
}
