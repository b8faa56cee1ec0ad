import SignupForm from "./signup-form.tsx";

export const metadata = { title: "회원가입 · 쿠버랩" };

export default function SignupPage() {
  return (
    <div className="auth-page">
      <h1>회원가입</h1>
      <SignupForm />
    </div>
  );
}
