// UI strings of the offline/PWA bits (isolation badge, update prompt, MNIST upload, open-from-URL), in both UI languages.
import type { UiLang } from "../../i18n/lang";

const en = {
  isolationLabel: "threads",
  isolationHeaders: "COOP/COEP headers",
  isolationServiceWorker: "service worker",
  isolationNone: "not isolated",
  isolationTitle: (how: string, why: string) =>
    `Cross-origin isolation (needed for the thread pool): ${how}${why ? ` — ${why}` : ""}`,
  updateReady: "A new version of Gradbook is ready.",
  updateReload: "Reload",
  updateLater: "Later",
  mnistUpload: "MNIST files…",
  mnistUploadTitle: "Upload the four MNIST files (idx or .gz), or drop them on the page; they are checked and kept in this browser",
  mnistStored: (names: string) => `Stored in this browser: ${names}`,
  openUrlAsk: (url: string) => `Open the notebook at ${url}? It is downloaded from that site and a copy goes to your library.`,
  openUrlOpen: "Open",
  openUrlCancel: "Cancel",
  openUrlFailed: (url: string, why: string) => `Could not open ${url}: ${why}`,
};

export type PwaStrings = { [K in keyof typeof en]: (typeof en)[K] extends (...a: infer A) => string ? (...a: A) => string : string };

const ko: PwaStrings = {
  isolationLabel: "스레드",
  isolationHeaders: "COOP/COEP 헤더",
  isolationServiceWorker: "서비스 워커",
  isolationNone: "격리 안 됨",
  isolationTitle: (how, why) => `교차 출처 격리(스레드 풀에 필요): ${how}${why ? ` — ${why}` : ""}`,
  updateReady: "Gradbook 새 버전이 준비되었습니다.",
  updateReload: "새로 고침",
  updateLater: "나중에",
  mnistUpload: "MNIST 파일…",
  mnistUploadTitle: "MNIST 파일 네 개(idx 또는 .gz)를 올리거나 페이지에 끌어 놓으세요. 검사한 뒤 이 브라우저에 보관합니다",
  mnistStored: (names) => `이 브라우저에 보관됨: ${names}`,
  openUrlAsk: (url) => `${url} 의 노트북을 열까요? 그 사이트에서 내려받아 내 라이브러리에 사본을 만듭니다.`,
  openUrlOpen: "열기",
  openUrlCancel: "취소",
  openUrlFailed: (url, why) => `${url} 을(를) 열 수 없습니다: ${why}`,
};

export const PWA_STRINGS: Record<UiLang, PwaStrings> = { en, ko };
