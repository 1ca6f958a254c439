from identity.otp import otp_send
from ops.tasks import task


@task(queue_name="sms")
def otp_send_task(challenge_id: int, purpose_text: str, language: str) -> None:
    """Draw an OTP challenge's code and SMS it (identity.otp.otp_send)."""
    otp_send(challenge_id=challenge_id, purpose_text=purpose_text, language=language)
