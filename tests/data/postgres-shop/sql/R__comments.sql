COMMENT ON TABLE customer IS 'People who buy things';
COMMENT ON TABLE product IS $c$What we sell; prices in ${currency} cents$c$;
