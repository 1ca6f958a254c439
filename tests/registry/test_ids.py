"""Request numbers (registry.ids.dated_number)."""


def test_request_numbers_never_look_like_an_aadhaar_number() -> None:
    from stdnum import verhoeff

    from registry.ids import dated_number

    numbers = {dated_number("CR") for _ in range(2000)}
    assert len(numbers) > 1900  # random, not one number
    for number in numbers:
        assert number.startswith("CR") and len(number) == 14 and number[2:].isdigit()
        assert not verhoeff.is_valid(number[2:])
