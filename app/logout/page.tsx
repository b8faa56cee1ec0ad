import LogoutButton from "../_components/logout-button.tsx";

export default function LogoutPage() {
  return (
    <div className="auth-page">
      <h1>로그아웃</h1>
      <p>정말 로그아웃할까요? 실습 클러스터는 그대로 저장되어 있습니다.</p>
      <LogoutButton />
    </div>
  );
}
