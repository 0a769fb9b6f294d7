import { onBeforeUnmount, ref } from 'vue'

/** True below the phone breakpoint; follows rotation and resizing. */
export function useIsPhone(maxWidth = 768) {
  const mq = typeof window !== 'undefined' ? window.matchMedia(`(max-width: ${maxWidth}px)`) : null
  const isPhone = ref(mq?.matches ?? false)
  const on = (e: MediaQueryListEvent) => (isPhone.value = e.matches)
  mq?.addEventListener('change', on)
  onBeforeUnmount(() => mq?.removeEventListener('change', on))
  return isPhone
}
