import { type FormEvent, useState } from "react";
import { ApiError, login } from "./api.ts";

/** Sign in with a username and password; the session lives in an HttpOnly cookie. */
export function Login({ onSignedIn }: { onSignedIn: () => void }) {
  const [username, setUsername] = useState("admin");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
      onSignedIn();
    } catch (err) {
      setError(err instanceof ApiError ? `${err.zh} / ${err.message}` : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <h1>
        进度 <small>Jindu</small>
      </h1>
      <p>银川市2024年政府工作报告目标进度 · Work-report targets, live</p>
      <form onSubmit={submit} aria-label="sign in">
        <label>
          用户名 Username
          <input
            name="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
          />
        </label>
        <label>
          密码 Password
          <input
            name="password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
          />
        </label>
        <button type="submit" disabled={busy}>
          登录 Sign in
        </button>
        {error && <p role="alert">{error}</p>}
      </form>
      <p className="hint">
        首次启动时终端会打印管理员密码 · The first start prints the admin password in the terminal.
      </p>
    </main>
  );
}
