DROP TABLE board_chairs;
DROP TABLE board_appointments;
