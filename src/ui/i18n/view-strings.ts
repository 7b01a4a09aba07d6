// Strings of the learner-view features (traceback, restart dialog, variable inspector, chart axes, start-up), in both UI languages.
import { useLang, type UiLang } from "./lang";

const en = {
  showEngineFrames: (n: string) => `Show ${n} engine frame(s)`,
  hideEngineFrames: "Hide engine frames",
  engineFramesTitle: "Frames inside Gradbook and TensorFlow.js (checkInterrupt, callWithHooks, …); your cells' frames are always shown",
  cellAtPosition: (n: string) => `Cell ${n}`,
  // Restart dialog
  restartAsk: "Restart the kernel? Every variable is lost (the notebook and its outputs stay).",
  restartRunAllAsk: "Restart the kernel and run every cell from the top? Every variable is lost.",
  restartConfirm: "Restart",
  restartRunAllConfirm: "Restart & run all",
  cancel: "Cancel",
  moreActions: "More: exports and uploads",
  // Export formats, short (the long description is the option's tooltip)
  formatSafetensors: ".safetensors",
  formatPytorch: "PyTorch .py",
  formatTfjs: "TF.js",
  formatCheckpoint: "Checkpoint",
  dontAskAgain: "Don't ask again",
  // Chart axes and legends
  axisStep: "step",
  axisEpoch: "epoch",
  axisLoss: "loss",
  axisAccuracy: "accuracy %",
  axisLr: "learning rate",
  smoothedSuffix: "(smoothed)",
  partialEpoch: "partial epoch",
  // Variable inspector
  inspector: "Variables",
  inspectorTitle: "Every name in the kernel, with its type; tensors with shape, dtype, bytes; models with parameters",
  inspectorEmpty: "No variables yet: run a cell.",
  inspectorName: "Name",
  inspectorType: "Type",
  inspectorDetail: "Details",
  inspectorRefresh: "Refresh",
  inspectorClose: "Close",
  // Kernel start-up (the status bar while the kernel starts)
  startupEngine: "loading the engine",
  startupState: "reading the saved backend choice",
  startupThreads: "starting threads",
  startupWarmup: "warming the backend",
  startupMeasure: "measuring the backends (auto)",
  startupFailed: (phase: string) => `failed while ${phase}`,
  startupTitle: "What the kernel is doing while it starts",
};

type Widen<T> = { [K in keyof T]: T[K] extends (...args: infer A) => string ? (...args: A) => string : string };
export type ViewStrings = Widen<typeof en>;

const ko: ViewStrings = {
  showEngineFrames: (n) => `엔진 프레임 ${n}개 보기`,
  hideEngineFrames: "엔진 프레임 숨기기",
  engineFramesTitle: "Gradbook과 TensorFlow.js 내부의 프레임(checkInterrupt, callWithHooks 등). 셀의 프레임은 항상 보입니다",
  cellAtPosition: (n) => `${n}번째 셀`,
  restartAsk: "커널을 다시 시작할까요? 모든 변수가 사라집니다(노트북과 출력은 남습니다).",
  restartRunAllAsk: "커널을 다시 시작하고 모든 셀을 처음부터 실행할까요? 모든 변수가 사라집니다.",
  restartConfirm: "다시 시작",
  restartRunAllConfirm: "다시 시작 후 모두 실행",
  cancel: "취소",
  moreActions: "더 보기: 내보내기와 올리기",
  formatSafetensors: ".safetensors",
  formatPytorch: "PyTorch .py",
  formatTfjs: "TF.js",
  formatCheckpoint: "체크포인트",
  dontAskAgain: "다시 묻지 않기",
  axisStep: "스텝",
  axisEpoch: "에포크",
  axisLoss: "손실",
  axisAccuracy: "정확도 %",
  axisLr: "학습률",
  smoothedSuffix: "(평활)",
  partialEpoch: "중단된 에포크",
  inspector: "변수",
  inspectorTitle: "커널의 모든 이름과 타입. 텐서는 모양·dtype·바이트, 모델은 파라미터 수",
  inspectorEmpty: "아직 변수가 없습니다. 셀을 실행하세요.",
  inspectorName: "이름",
  inspectorType: "타입",
  inspectorDetail: "내용",
  inspectorRefresh: "새로 고침",
  inspectorClose: "닫기",
  startupEngine: "엔진 불러오는 중",
  startupState: "저장된 백엔드 선택 읽는 중",
  startupThreads: "스레드 시작하는 중",
  startupWarmup: "백엔드 준비하는 중",
  startupMeasure: "백엔드 측정하는 중(auto)",
  startupFailed: (phase) => `시작 실패(${phase})`,
  startupTitle: "커널이 시작하면서 하는 일",
};

export const VIEW_STRINGS: Record<UiLang, ViewStrings> = { en, ko };

/** The learner-view strings of the UI language. */
export function useViewT(): ViewStrings {
  return VIEW_STRINGS[useLang().lang];
}
