// Element Plus services used from script (not templates) need their styles
// imported by hand, as the component resolver only sees templates.
import { ElMessage, ElMessageBox } from 'element-plus/es'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import { ApiError } from '@/api/client'

export function toastOk(msg: string) {
  ElMessage({ type: 'success', message: msg, grouping: true })
}

export function toastErr(e: unknown) {
  const msg = e instanceof ApiError || e instanceof Error ? e.message : String(e)
  ElMessage({ type: 'error', message: msg, grouping: true, duration: 5000 })
}

export function confirmBox(msg: string, title: string, ok: string, cancel: string) {
  return ElMessageBox.confirm(msg, title, { confirmButtonText: ok, cancelButtonText: cancel, type: 'warning' })
}
