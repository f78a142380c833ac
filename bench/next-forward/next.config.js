// A bench-only app: forward-auth through the Next route handler next to a bare route handler.
export default {};
