// Sign-in. The session lives in an HttpOnly cookie the server sets; the page only sends the credentials.
import { type FormEvent, useState } from 'react';
import { FormProblem, requiredErrors, TextField, useFormErrors } from '../components/form.tsx';
import { PageHeader } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useLogin } from '../session.ts';

export function LoginPage() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errors = useFormErrors();
  const login = useLogin();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = requiredErrors({ email: email.trim(), password });
    if (Object.keys(missing).length) return errors.setClient(missing);
    errors.reset();
    login.mutate(
      { email: email.trim(), password },
      { onError: (err) => errors.fromApi(err, (f) => (f === 'email' || f === 'password' ? f : null)) },
    );
  };

  return (
    <section className="page narrow">
      <PageHeader
        title={t('Masuk ke Etalase', 'Sign in to Etalase')}
        subtitle={t('Produk UMKM lokal di rak ritel modern.', 'Local UMKM products on modern retail shelves.')}
        testId="login-title"
      />
      <form className="form card" onSubmit={submit} noValidate>
        <FormProblem error={errors.general} />
        <TextField
          name="email"
          label={t('Email', 'Email')}
          type="email"
          autoComplete="username"
          inputMode="email"
          value={email}
          onChange={(v) => {
            setEmail(v);
            errors.clear('email');
          }}
          error={errors.err('email')}
        />
        <TextField
          name="password"
          label={t('Kata sandi', 'Password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(v) => {
            setPassword(v);
            errors.clear('password');
          }}
          error={errors.err('password')}
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={login.isPending} data-testid="login-submit">
          {login.isPending ? t('Mohon tunggu…', 'Please wait…') : t('Masuk', 'Sign in')}
        </button>
      </form>
      <p className="muted small">
        {t(
          'Lupa kata sandi? Hubungi Dinas Koperasi dan UKM atau pengelola Etalase di daerah Anda.',
          'Forgot your password? Contact the Dinas Koperasi dan UKM or the Etalase operator in your region.',
        )}
      </p>
    </section>
  );
}
